// A minimal PNG encoder (8-bit RGB, or indexed colour with a palette; no interlace, filter 0):
// enough for heatmaps. The same pixels give the same bytes on every machine: the deflate stream
// comes from fflate, plain JavaScript pinned in package.json, not from node:zlib, whose output
// depends on the zlib that Node was built with and, in the Chromium zlib that Node bundles, on the
// CPU (it hashes with CRC32C where SSE4.2 or ARMv8 CRC32 is there).
import { zlibSync } from 'fflate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** `rgb` holds width × height × 3 bytes, rows top to bottom. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error(`encodePng: ${rgb.length} bytes for ${width}×${height} RGB`);
  return encode(width, height, 2, 3, rgb, []);
}

/**
 * An indexed-colour PNG: `indices` holds width × height palette entries, rows top to bottom;
 * `palette` up to 256 RGB triples. A heatmap's pixels take a third of RGB's bytes to deflate.
 */
export function encodeIndexedPng(width: number, height: number, palette: Uint8Array, indices: Uint8Array): Buffer {
  if (indices.length !== width * height)
    throw new Error(`encodeIndexedPng: ${indices.length} indices for ${width}×${height}`);
  if (palette.length % 3 !== 0 || palette.length === 0 || palette.length > 256 * 3)
    throw new Error(`encodeIndexedPng: a palette of ${palette.length} bytes`);
  const entries = palette.length / 3;
  for (const index of indices)
    if (index >= entries) throw new Error(`encodeIndexedPng: index ${index} past the palette`);
  return encode(width, height, 3, 1, indices, [chunk('PLTE', palette)]);
}

function encode(
  width: number,
  height: number,
  colourType: 2 | 3,
  bytesPerPixel: number,
  pixels: Uint8Array,
  extra: Buffer[],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = colourType;
  // Each row: filter type 0 (none), then its pixels.
  const rowBytes = width * bytesPerPixel;
  const raw = Buffer.alloc(height * (1 + rowBytes));
  for (let y = 0; y < height; y++)
    Buffer.from(pixels.buffer, pixels.byteOffset + y * rowBytes, rowBytes).copy(raw, y * (1 + rowBytes) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...extra,
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
