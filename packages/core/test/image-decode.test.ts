import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { decodeImage, isAurigError } from '@aurig/core';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-decode-'));
const rgb = (w: number, h: number) => Buffer.alloc(w * h * 3, 128);

async function rejectsBadImage(input: Parameters<typeof decodeImage>[0], pattern: RegExp) {
  await assert.rejects(decodeImage(input), (e: unknown) => isAurigError(e, 'E_BAD_IMAGE') && pattern.test((e as Error).message));
}

test('JPEG, PNG and WebP buffers decode to RGB of the right size', async () => {
  for (const fmt of ['jpeg', 'png', 'webp'] as const) {
    const buf = await sharp(rgb(40, 30), { raw: { width: 40, height: 30, channels: 3 } })[fmt]().toBuffer();
    const img = await decodeImage(buf);
    assert.equal(img.width, 40); assert.equal(img.height, 30);
    assert.equal(img.data.length, 40 * 30 * 3);
  }
});

test('EXIF orientation 6 turns a 40×20 JPEG into 20×40, the top-left red corner to the top-right', async () => {
  const px = Buffer.alloc(40 * 20 * 3, 0);
  for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) px[(y * 40 + x) * 3] = 255;
  const buf = await sharp(px, { raw: { width: 40, height: 20, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  const img = await decodeImage(buf);
  assert.deepEqual([img.width, img.height], [20, 40]);
  assert.ok(img.data[(1 * 20 + 18) * 3]! > 200, 'red now at the top-right');
  assert.ok(img.data[(1 * 20 + 1) * 3]! < 60, 'top-left is black');
});

test('grayscale and RGBA become RGB; alpha dropped', async () => {
  const gray = await sharp(Buffer.alloc(16 * 16, 200), { raw: { width: 16, height: 16, channels: 1 } }).png().toBuffer();
  const g = await decodeImage(gray);
  assert.equal(g.data.length, 16 * 16 * 3);
  assert.deepEqual([...g.data.subarray(0, 3)], [200, 200, 200]);
  const rgba = await decodeImage({ width: 10, height: 10, channels: 4, data: new Uint8Array(400).fill(77) });
  assert.equal(rgba.data.length, 300);
  assert.equal(rgba.data[3], 77);
});

test('huge images are downscaled to maxSide; raw and tensor inputs decode', async () => {
  const big = await sharp(rgb(3000, 1000), { raw: { width: 3000, height: 1000, channels: 3 } }).png().toBuffer();
  const img = await decodeImage(big, { maxSide: 600 });
  assert.deepEqual([img.width, img.height], [600, 200]);
  const t = tf.fill([12, 10, 3], 250);
  const fromT = await decodeImage(t);
  t.dispose();
  assert.deepEqual([fromT.width, fromT.height, fromT.data[0]], [10, 12, 250]);
});

test('bad files → E_BAD_IMAGE with a clear message', async () => {
  const empty = path.join(tmp, 'empty.jpg'); fs.writeFileSync(empty, '');
  await rejectsBadImage(empty, /empty/);
  const text = path.join(tmp, 'notes.jpg'); fs.writeFileSync(text, 'this is not an image\n');
  await rejectsBadImage(text, /not an image/);
  const jpeg = await sharp(rgb(64, 64).map((_, i) => i % 251), { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer();
  const trunc = path.join(tmp, 'trunc.jpg'); fs.writeFileSync(trunc, jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  await rejectsBadImage(trunc, /truncated|corrupt/);
  const one = await sharp(rgb(1, 1), { raw: { width: 1, height: 1, channels: 3 } }).png().toBuffer();
  await rejectsBadImage(one, /1×1.*too small/);
  await rejectsBadImage(path.join(tmp, 'missing.png'), /cannot read/);
  await rejectsBadImage({ width: 10, height: 10, data: new Uint8Array(5) }, /expected/);
});

test('a 20,000×20,000 header is refused before its pixels are decoded', async () => {
  // A PNG whose IHDR declares 20000×20000 RGB, followed by one tiny IDAT chunk: 1.2 GB of pixels if decoded.
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0); ihdr.writeUInt32BE(20000, 4); ihdr[8] = 8; ihdr[9] = 2;
  const header = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
  const t0 = performance.now();
  await rejectsBadImage(header, /20000×20000.*refused before decoding/);
  assert.ok(performance.now() - t0 < 2000, 'refused quickly');
});
