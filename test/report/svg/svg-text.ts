// Where the text of an SVG figure lands, measured independently of the code under test: with
// DejaVu Sans's own advance widths (Chromium's sans-serif on Debian), read from DejaVuSans.ttf's
// hmtx table (units per em 2048, rounded to 1/1000 em), for the printable ASCII characters and a
// few others.

const DEJAVU_CHARS = ` !"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_\`abcdefghijklmnopqrstuvwxyz{|}~`;
const DEJAVU_EM =
  `0.318 0.401 0.460 0.838 0.636 0.950 0.780 0.275 0.390 0.390 0.500 0.838 0.318 0.361 0.318 0.337 0.636 0.636 0.636 0.636 0.636 0.636 0.636 0.636 0.636 0.636 0.337 0.337 0.838 0.838 0.838 0.531 1.000 0.684 0.686 0.698 0.770 0.632 0.575 0.775 0.752 0.295 0.295 0.656 0.557 0.863 0.748 0.787 0.603 0.787 0.695 0.635 0.611 0.732 0.684 0.989 0.685 0.611 0.685 0.390 0.337 0.390 0.838 0.500 0.500 0.613 0.635 0.550 0.635 0.615 0.352 0.635 0.634 0.278 0.278 0.579 0.278 0.974 0.634 0.612 0.635 0.635 0.411 0.521 0.392 0.634 0.592 0.818 0.592 0.592 0.525 0.636 0.337 0.636 0.838`
    .split(' ')
    .map(Number);
export const DEJAVU = new Map([...DEJAVU_CHARS].map((c, i) => [c, DEJAVU_EM[i]!]));

/** And the few others that figures use. */
const DEJAVU_OTHERS = new Map([
  ['·', 0.318],
  ['…', 1],
]);

/** The advance width in px of `text` in DejaVu Sans at `size` px. */
export function dejaVuWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) {
    const width = DEJAVU.get(c) ?? DEJAVU_OTHERS.get(c);
    if (width === undefined) throw new Error(`no DejaVu width for ${JSON.stringify(c)}`);
    em += width;
  }
  return em * size;
}

export function svgSize(svg: string): { width: number; height: number } {
  const match = /^<svg [^>]*width="([\d.]+)" height="([\d.]+)" viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!match) throw new Error(`not an SVG with a size: ${svg.slice(0, 80)}`);
  expectSame(match[1], match[3]);
  expectSame(match[2], match[4]);
  return { width: Number(match[1]), height: Number(match[2]) };
}

function expectSame(a: string | undefined, b: string | undefined) {
  if (a !== b) throw new Error(`width/height ${a} differs from the viewBox's ${b}`);
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export interface SvgText {
  /** What is drawn (a tooltip <title> inside is not). */
  text: string;
  /** The tooltip, when there is one. */
  tooltip: string | null;
  x: number;
  y: number;
  classes: string[];
  anchor: string;
  middle: boolean;
  /** rotate(angle cx cy) or translate(x y) rotate(angle). */
  rotation: number;
  /** The box of the glyphs on the page: [left, top, right, bottom]. */
  box: [number, number, number, number];
}

const attribute = (attributes: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];

/** Every <text> of the figure with the box its glyphs cover (ascent 0.8 em, descent 0.25 em). */
export function svgTexts(svg: string): SvgText[] {
  const small = /\.tick\{font-size:(\d+)px\}/.exec(svg)?.[1];
  return [...svg.matchAll(/<text\b([^>]*)>(.*?)<\/text>/g)].map(([, attributes = '', content = '']) => {
    const title = /<title>(.*?)<\/title>/.exec(content);
    const text = unescape(content.replace(/<title>.*?<\/title>/, ''));
    const classes = (attribute(attributes, 'class') ?? '').split(' ').filter(Boolean);
    const size = classes.includes('title') ? 12 : classes.includes('tick') && small ? Number(small) : 11;
    const anchor = attribute(attributes, 'text-anchor') ?? 'start';
    const middle = attribute(attributes, 'dominant-baseline') === 'middle';
    let x = Number(attribute(attributes, 'x') ?? 0);
    let y = Number(attribute(attributes, 'y') ?? 0);
    let rotation = 0;
    const transform = attribute(attributes, 'transform') ?? '';
    const rotate = /rotate\((-?[\d.]+)(?: (-?[\d.]+) (-?[\d.]+))?\)/.exec(transform);
    const translate = /translate\((-?[\d.]+) (-?[\d.]+)\)/.exec(transform);
    if (translate) [x, y] = [Number(translate[1]), Number(translate[2])];
    if (rotate) {
      rotation = Number(rotate[1]);
      if (rotate[2] !== undefined && (Number(rotate[2]) !== x || Number(rotate[3]) !== y))
        throw new Error(`text ${text} rotates about another point than its anchor`);
    }
    // Bold is about a tenth wider.
    const width = dejaVuWidth(text, size) * (classes.includes('title') ? 1.1 : 1);
    const left = anchor === 'end' ? -width : anchor === 'middle' ? -width / 2 : 0;
    const [top, bottom] = middle ? [-0.525 * size, 0.525 * size] : [-0.8 * size, 0.25 * size];
    // The corners relative to the anchor, rotated about it.
    const [cos, sin] = [Math.cos((rotation * Math.PI) / 180), Math.sin((rotation * Math.PI) / 180)];
    const corners = [
      [left, top],
      [left + width, top],
      [left, bottom],
      [left + width, bottom],
    ].map(([u, v]) => [x + u! * cos - v! * sin, y + u! * sin + v! * cos] as const);
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return {
      text,
      tooltip: title ? unescape(title[1]!) : null,
      x,
      y,
      classes,
      anchor,
      middle,
      rotation,
      box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    };
  });
}

/** The texts whose glyphs reach past the figure's edges, each with how far. */
export function textsOutside(svg: string): string[] {
  const { width, height } = svgSize(svg);
  return svgTexts(svg).flatMap((t) => {
    const [left, top, right, bottom] = t.box;
    const past = [
      left < 0 ? `${(-left).toFixed(1)} px left` : '',
      top < 0 ? `${(-top).toFixed(1)} px above` : '',
      right > width ? `${(right - width).toFixed(1)} px right` : '',
      bottom > height ? `${(bottom - height).toFixed(1)} px below` : '',
    ].filter(Boolean);
    return past.length ? [`'${t.text}': ${past.join(', ')}`] : [];
  });
}

/** Pairs of texts whose boxes overlap (for level texts; slanted ones are compared along their slant). */
export function overlapping(texts: SvgText[]): string[] {
  const found: string[] = [];
  for (let i = 1; i < texts.length; i++) {
    const [a, b] = [texts[i - 1]!, texts[i]!];
    if (a.rotation !== 0 || b.rotation !== 0) {
      // Parallel slanted labels: apart by the distance between their baselines.
      const angle = (a.rotation * Math.PI) / 180;
      const apart = Math.abs(-(b.x - a.x) * Math.sin(angle) + (b.y - a.y) * Math.cos(angle));
      if (apart < 1.05 * 11) found.push(`'${a.text}' and '${b.text}' (${apart.toFixed(1)} px apart)`);
    } else if (a.box[0] < b.box[2] && b.box[0] < a.box[2] && a.box[1] < b.box[3] && b.box[1] < a.box[3])
      found.push(`'${a.text}' and '${b.text}'`);
  }
  return found;
}
