import { describe, expect, it } from 'vitest';
import { escapeXml, fitText, labelText, textWidth, wrapText } from '../../../src/report/svg/text.js';
import { DEJAVU, dejaVuWidth } from './svg-text.js';

describe('escapeXml', () => {
  it('escapes the five XML specials and nothing else', () => {
    expect(escapeXml(`a<b>&"'`)).toBe('a&lt;b&gt;&amp;&quot;&#39;');
    expect(escapeXml('kdamond 0 · context 1 = 5 %')).toBe('kdamond 0 · context 1 = 5 %');
  });
});

describe('textWidth', () => {
  it('is at least the width DejaVu Sans draws, for every printable ASCII character', () => {
    expect(DEJAVU.size).toBe(95);
    const narrower = [...DEJAVU.keys()].flatMap((c) =>
      [10, 11, 12].flatMap((size) =>
        textWidth(c, size) >= dejaVuWidth(c, size) ? [] : [`'${c}' at ${size} px: ${textWidth(c, size)}`],
      ),
    );
    expect(narrower).toEqual([]);
  });

  it('is at most a third wider than DejaVu Sans on labels of sweeps', () => {
    const labels = [
      'layout.kind = many-contexts',
      '{"sample":"5ms","aggr":"100ms"}',
      'kdamond 0, context 0, target 0',
      'MONITORING WWW',
      '1073741824',
    ];
    const off = labels.flatMap((l) => {
      const ratio = textWidth(l) / dejaVuWidth(l, 11);
      return ratio >= 1 && ratio <= 4 / 3 ? [] : [`${l}: ${ratio.toFixed(2)}`];
    });
    expect(off).toEqual([]);
  });

  it('grows with the text and the font size', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('ab')).toBeGreaterThan(textWidth('a'));
    expect(textWidth('abc', 12)).toBeGreaterThan(textWidth('abc', 10));
    expect(textWidth('中文')).toBe(22);
  });
});

describe('fitText', () => {
  it('keeps a text that fits, and cuts one that does not with an ellipsis, within the width', () => {
    expect(fitText('short', 100)).toBe('short');
    const cut = fitText('kdamond 0, context 0, target 0 of a very long run name', 120);
    expect(cut).toMatch(/^kdamond 0.*…$/);
    expect(textWidth(cut)).toBeLessThanOrEqual(120);
    expect(textWidth(fitText('x'.repeat(30), 120) + 'x')).toBeGreaterThan(120);
  });
});

describe('wrapText', () => {
  it('breaks at spaces into lines within the width, losing no word', () => {
    const text =
      'columns: monitoring.sample; rows: layout.kind. Each map: time (s) since its first snapshot left to right';
    const lines = wrapText(text, 200);
    expect(lines.length).toBeGreaterThan(2);
    const wide = lines.filter((l) => textWidth(l) > 200);
    expect(wide).toEqual([]);
    expect(lines.join(' ')).toBe(text);
  });

  it('gives a word longer than a line a line of its own', () => {
    expect(wrapText('a verylongwordthatdoesnotfit b', 50)).toEqual(['a', 'verylongwordthatdoesnotfit', 'b']);
    expect(wrapText('', 50)).toEqual([]);
  });
});

describe('labelText', () => {
  it('adds the full text as a tooltip only when the shown one differs', () => {
    expect(labelText('x="1"', 'a<b')).toBe('<text x="1">a&lt;b</text>');
    expect(labelText('x="1"', 'ab…', 'abc')).toBe('<text x="1">ab…<title>abc</title></text>');
  });
});
