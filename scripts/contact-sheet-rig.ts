// Renders docs/default-rig.png: the default BDFM character's base face, each AU control at full
// value, random identities (seeded), head poses and all 36 brow styles, labelled.
// Run: node --conditions=aurig-dev --import tsx scripts/contact-sheet-rig.ts [out.png]
import path from 'node:path';
import sharp from 'sharp';
import { createDefaultRig, createRigParams, renderRig, DEFAULT_RIG_AUS, BROW_STYLE_COUNT, BASE_IDENTITY } from '@aurig/generator';

const TILE = 160;
const COLS = 8;
const out = process.argv[2] ?? path.join(import.meta.dirname, '../docs/default-rig.png');

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rig = createDefaultRig();
const tiles: { label: string; input: Record<string, number> }[] = [{ label: 'base', input: {} }];
for (const [name] of DEFAULT_RIG_AUS) tiles.push({ label: name, input: { [name]: 1 } });
tiles.push({ label: 'yaw +0.45', input: { head_yaw: 0.45 } }, { label: 'pitch +0.3', input: { head_pitch: 0.3 } });
const rand = rng(7);
for (let k = 0; k < 5; k++) {
  const input: Record<string, number> = {};
  rig.slots.names.forEach((n, i) => { if (rig.slots.groups[i] === 'identity' && !rig.slots.isChoice[i]) input[n] = BASE_IDENTITY + (rand() - 0.5) * 0.8; });
  input.brow_style = Math.floor(rand() * BROW_STYLE_COUNT);
  tiles.push({ label: `identity #${k + 1}`, input });
}
for (let s = 0; s < BROW_STYLE_COUNT; s++) tiles.push({ label: `brow ${s}`, input: { brow_style: s } });

const rows = Math.ceil(tiles.length / COLS);
const composites: sharp.OverlayOptions[] = [];
for (let i = 0; i < tiles.length; i++) {
  const { label, input } = tiles[i];
  const img = renderRig(rig, createRigParams(rig, input), { width: TILE, height: TILE });
  const png = await sharp(Buffer.from(img.rgb), { raw: { width: TILE, height: TILE, channels: 3 } }).png().toBuffer();
  const left = (i % COLS) * TILE, top = Math.floor(i / COLS) * TILE;
  composites.push({ input: png, left, top });
  const svg = `<svg width="${TILE}" height="18"><rect width="${TILE}" height="18" fill="black" fill-opacity="0.55"/><text x="4" y="13" font-family="sans-serif" font-size="12" fill="white">${label}</text></svg>`;
  composites.push({ input: Buffer.from(svg), left, top });
}
await sharp({ create: { width: COLS * TILE, height: rows * TILE, channels: 3, background: { r: 255, g: 255, b: 255 } } }).composite(composites).png().toFile(out);
process.stdout.write(`${out}: ${tiles.length} tiles\n`);
