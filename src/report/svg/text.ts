// Text in SVG figures: escaping, and how wide a label will be drawn, so that a figure can make
// room for it. Nothing measures text when a figure is made, so widths are estimated from the
// characters, on the wide side: DejaVu Sans (Chromium's sans-serif on Debian) is among the
// widest sans-serif fonts.

/** What XML 1.0 refuses even as a character reference: C0 controls but tab, LF and CR; U+FFFE, U+FFFF. */
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * Text as an SVG file holds it: markup escaped, and what XML refuses (a control character from a
 * manifest, which would make the whole figure unreadable) drawn as \xNN.
 */
export function escapeXml(text: string): string {
  return text.replace(
    new RegExp(`[&<>"']|${NOT_IN_XML.source}`, 'g'),
    (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ??
      `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

// Widths in em, each at least DejaVu Sans's widest character of its class.
const NARROW = new Set(" .,:;'|!ijl");
const SEMI = new Set('frtIJ()[]-/\\`"*_?');
const WIDE = new Set('mwMW%@=+~<>#^&');

/** The width of one character in em. */
function charWidth(c: string): number {
  if (NOT_IN_XML.test(c)) return 2.5; // drawn as \xNN
  if (NARROW.has(c)) return 0.42;
  if (SEMI.has(c)) return 0.55;
  if (WIDE.has(c)) return 1;
  if (c >= 'A' && c <= 'Z') return 0.8;
  if (c.charCodeAt(0) > 0x7e) return 1;
  return 0.65;
}

/** An upper estimate of the width in px of `text` drawn at `fontSize` px in a sans-serif font. */
export function textWidth(text: string, fontSize = 11): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  return Math.ceil(em * fontSize);
}

/** `text`, cut with an ellipsis to at most `width` px at `fontSize` px. */
export function fitText(text: string, width: number, fontSize = 11): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** `text` in lines of at most `width` px, broken at spaces (a word longer than a line gets a line of its own). */
export function wrapText(text: string, width: number, fontSize = 11): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** A <text> element whose content is `shown`, with `full` as its tooltip when they differ. */
export function labelText(attributes: string, shown: string, full = shown): string {
  const tooltip = shown === full ? '' : `<title>${escapeXml(full)}</title>`;
  return `<text ${attributes}>${escapeXml(shown)}${tooltip}</text>`;
}
