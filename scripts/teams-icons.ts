/**
 * Draws the Teams app icons with nothing but node's zlib: `teams/color.png` (192×192, a white
 * check in a ring on the accent colour) and `teams/outline.png` (32×32, the same mark in white on
 * transparent, as Teams requires). Run once with `npx tsx scripts/teams-icons.ts`; the PNGs are
 * committed.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

type Rgba = [number, number, number, number];
const ACCENT: Rgba = [79, 70, 229, 255]; // #4F46E5, the manifest's accentColor
const WHITE: Rgba = [255, 255, 255, 255];

/** Coverage (0..1) of the mark at a point in unit coordinates (0..1 across the icon). */
function mark(x: number, y: number, stroke: number): number {
  const r = Math.hypot(x - 0.5, y - 0.5);
  const ring = Math.abs(r - 0.36) < stroke / 2;
  const check =
    distanceToSegment(x, y, [0.33, 0.52], [0.45, 0.64]) < stroke / 2 ||
    distanceToSegment(x, y, [0.45, 0.64], [0.68, 0.38]) < stroke / 2;
  return ring || check ? 1 : 0;
}

function distanceToSegment(x: number, y: number, a: [number, number], b: [number, number]): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

/** Renders `size`×`size` RGBA pixels, 4×4 supersampled for smooth edges. */
function draw(size: number, background: Rgba | undefined, stroke: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          cover += mark((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, stroke);
        }
      }
      cover /= samples * samples;
      const i = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c++)
          pixels[i + c] = Math.round(background[c]! * (1 - cover) + WHITE[c]! * cover);
        pixels[i + 3] = 255;
      } else {
        pixels.set([255, 255, 255, Math.round(255 * cover)], i);
      }
    }
  }
  return pixels;
}

function png(size: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

const teamsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../teams");
writeFileSync(path.join(teamsDir, "color.png"), png(192, draw(192, ACCENT, 0.07)));
writeFileSync(path.join(teamsDir, "outline.png"), png(32, draw(32, undefined, 0.11)));
process.stdout.write(`wrote ${teamsDir}/color.png (192×192) and outline.png (32×32)\n`);
