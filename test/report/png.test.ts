// The PNGs we encode, read back by an independent decoder (pngjs, which inflates with node:zlib).
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, encodePng } from '../../src/report/png.js';

/** Pixels that use every channel's extremes: black, white, pure red, green, blue, and a ramp. */
function pixels(width: number, height: number): Uint8Array {
  const extremes = [
    [0, 0, 0],
    [255, 255, 255],
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [0, 255, 255],
  ];
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const colour = i < extremes.length ? extremes[i]! : [(i * 7) % 256, (i * 13 + 5) % 256, 255 - (i % 256)];
    rgb.set(colour, i * 3);
  }
  return rgb;
}

/** Where the decoded image differs from the pixels encoded: at most 5 of them, named. */
function differences(png: Buffer, width: number, height: number, rgb: Uint8Array): string[] {
  const image = PNG.sync.read(png);
  if (image.width !== width || image.height !== height)
    return [`${image.width}×${image.height} instead of ${width}×${height}`];
  const found: string[] = [];
  for (let i = 0; i < width * height && found.length < 5; i++) {
    const got = [...image.data.subarray(i * 4, i * 4 + 4)];
    const want = [...rgb.subarray(i * 3, i * 3 + 3), 255];
    if (got.join() !== want.join()) found.push(`(${i % width}, ${Math.floor(i / width)}): ${got} instead of ${want}`);
  }
  return found;
}

describe('encodePng', () => {
  it.each([
    [1, 1],
    [2, 3],
    [7, 2],
    [1, 300],
    [300, 1],
    [100, 120],
    [500, 500],
  ])('%i×%i decodes to the pixels encoded', (width, height) => {
    const rgb = pixels(width, height);
    expect(differences(encodePng(width, height, rgb), width, height, rgb)).toEqual([]);
  });

  it('decodes a 1×1 image of each extreme colour', () => {
    const colours = [
      [0, 0, 0],
      [255, 255, 255],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ];
    const wrong = colours.flatMap((colour) => {
      const rgb = Uint8Array.from(colour);
      return differences(encodePng(1, 1, rgb), 1, 1, rgb);
    });
    expect(wrong).toEqual([]);
  });

  it('writes 8-bit RGB without interlace, and rejects pixels of the wrong size', () => {
    const png = encodePng(3, 2, pixels(3, 2));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([...png.subarray(24, 29)]).toEqual([8, 2, 0, 0, 0]);
    expect(() => encodePng(3, 2, new Uint8Array(17))).toThrow('17 bytes for 3×2 RGB');
  });

  it('makes the same bytes for the same pixels, on any machine', () => {
    const rgb = pixels(100, 120);
    const png = encodePng(100, 120, rgb);
    expect(encodePng(100, 120, Uint8Array.from(rgb)).equals(png)).toBe(true);
    // Pinned: deflate is plain JavaScript (fflate, an exact version), not the zlib Node was built
    // with, at level 6. Should this change (a new fflate, another level), every report's bytes change with it.
    expect(createHash('sha256').update(png).digest('hex')).toBe(
      '74a04f3f2d1af7106dcab694ba755c9e08f2c0680f2b864ad6cda047b5338deb',
    );
  });
});

describe('encodeIndexedPng', () => {
  it.each([
    [1, 1],
    [7, 2],
    [500, 500],
  ])('%i×%i: every pixel is its palette entry', (width, height) => {
    // A palette of 256 distinct colours (the extremes among them), indices over all of it.
    const palette = Uint8Array.from(
      { length: 256 * 3 },
      (_, i) => (i % 3 === 0 ? i / 3 : i % 3 === 1 ? 255 - (i - 1) / 3 : ((i - 2) / 3) * 7) % 256,
    );
    const indices = Uint8Array.from({ length: width * height }, (_, i) => (i * 37) % 256);
    const rgb = new Uint8Array(width * height * 3);
    indices.forEach((index, i) => rgb.set(palette.subarray(index * 3, index * 3 + 3), i * 3));
    expect(differences(encodeIndexedPng(width, height, palette, indices), width, height, rgb)).toEqual([]);
  });

  it('refuses an index past the palette, and a palette that is not RGB triples', () => {
    expect(() => encodeIndexedPng(2, 1, Uint8Array.from([0, 0, 0]), Uint8Array.from([0, 1]))).toThrow(
      'index 1 past the palette',
    );
    expect(() => encodeIndexedPng(1, 1, Uint8Array.from([0, 0]), Uint8Array.from([0]))).toThrow('a palette of 2 bytes');
  });
});
