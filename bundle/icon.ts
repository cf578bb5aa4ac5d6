import { crc32, deflateSync } from 'node:zlib';

// The bundle's icon, drawn here rather than kept as a binary: a ring (the "halo") over a rounded
// square, as a 512x512 RGBA PNG (the size Claude Desktop recommends). Deterministic, so a rebuild gives the same bytes.

const SIZE = 512;
/** Shapes are laid out on a 256 grid. */
const SCALE = SIZE / 256;
const BACKGROUND = [0x1f, 0x3a, 0x5f];
const RING = [0xf5, 0xb7, 0x2e];

/** Coverage 0..1 of a pixel by the shape whose signed distance is `d` (negative inside). */
const cover = (d: number) => Math.min(1, Math.max(0, 0.5 - d * SCALE));

function pixel(x: number, y: number): [number, number, number, number] {
  const cx = (x + 0.5 - SIZE / 2) / SCALE;
  const cy = (y + 0.5 - SIZE / 2) / SCALE;
  // Rounded square: half side 120, corner radius 48.
  const qx = Math.abs(cx) - (120 - 48);
  const qy = Math.abs(cy) - (120 - 48);
  const square = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - 48;
  // Ring: radius 70, 22 wide.
  const ring = Math.abs(Math.hypot(cx, cy) - 70) - 11;
  const inSquare = cover(square);
  const onRing = cover(ring) * inSquare;
  const mix = (i: number) => Math.round(BACKGROUND[i]! * (1 - onRing) + RING[i]! * onRing);
  return [mix(0), mix(1), mix(2), Math.round(inSquare * 255)];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng(): Buffer {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4); // each row starts with filter type 0 (none)
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
