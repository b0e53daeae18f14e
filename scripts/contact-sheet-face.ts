/**
 * Contact sheet of the default face model: neutral, every AU at full intensity (both sides for
 * sided AUs; skin tinted yellow where it moved, full tint at 4 mm), a few one-sided AUs and
 * combinations, side views, and a few identities.
 *
 *   node --conditions=aurig-dev --import tsx scripts/contact-sheet-face.ts [out.png]
 *
 * Default output: docs/default-face-model.png.
 */
import sharp from 'sharp';
import { AU_NAMES, AU_CATALOGUE, SIDED_AUS, createDefaultFaceModel, lbsReference, type AuParamName } from '@aurig/core';
import { rasterize, type RasterCamera, type RasterMesh } from '@aurig/generator';
import { colours } from './lib/faceColours.ts';

const OUT = process.argv[2] ?? 'docs/default-face-model.png';
const TILE = { width: 220, height: 260, label: 22 };
const COLUMNS = 8;
const FRONT: RasterCamera = { position: [0, 5, 560], target: [0, -12, 60], fovYDeg: 20 };
const SIDE: RasterCamera = { position: [420, 5, 380], target: [0, -12, 50], fovYDeg: 26 };

/** Moved vertices tinted toward {@link MOVED} in proportion to their displacement (full at {@link TINT_FULL_MM}). */
const MOVED = [0.95, 0.85, 0.25] as const;
const TINT_FULL_MM = 4;
const TINT_MAX = 0.45;
function tint(base: Float32Array, posed: Float64Array, neutral: Float64Array): Float32Array {
  const out = Float32Array.from(base);
  for (let v = 0; v < 468; v++) {
    const d = Math.hypot(posed[3 * v] - neutral[3 * v], posed[3 * v + 1] - neutral[3 * v + 1], posed[3 * v + 2] - neutral[3 * v + 2]);
    const a = TINT_MAX * Math.min(1, d / TINT_FULL_MM);
    for (let c = 0; c < 3; c++) out[3 * v + c] = (1 - a) * base[3 * v + c] + a * MOVED[c];
  }
  return out;
}

interface Tile { label: string; psi?: Partial<Record<AuParamName, number>>; beta?: number[]; camera?: RasterCamera }

function tiles(): Tile[] {
  const out: Tile[] = [{ label: 'neutral' }];
  for (const au of AU_NAMES) {
    const psi: Partial<Record<AuParamName, number>> = {};
    if ((SIDED_AUS as readonly string[]).includes(au)) { psi[`${au}_L` as AuParamName] = 1; psi[`${au}_R` as AuParamName] = 1; } else psi[au as AuParamName] = 1;
    out.push({ label: `${au} ${AU_CATALOGUE[au].name}`, psi });
  }
  out.push({ label: 'AU12_L (one side)', psi: { AU12_L: 1 } });
  out.push({ label: 'AU45_L (wink)', psi: { AU45_L: 1 } });
  out.push({ label: 'AU01+02+05+26 surprise', psi: { AU01_L: 1, AU01_R: 1, AU02_L: 1, AU02_R: 1, AU05_L: 1, AU05_R: 1, AU26: 1 } });
  out.push({ label: 'AU06+12 smile', psi: { AU06_L: 1, AU06_R: 1, AU12_L: 1, AU12_R: 1, AU25: 0.6 } });
  out.push({ label: 'neutral (side)', camera: SIDE });
  out.push({ label: 'AU26 (side)', psi: { AU26: 1 }, camera: SIDE });
  let seed = 7;
  const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const gauss = (): number => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  for (let i = 0; i < 4; i++) out.push({ label: `identity ${i + 1} (β ~ N(0, 1))`, beta: Array.from({ length: 57 }, () => gauss()) });
  out.push({ label: 'identity 1 + smile', beta: out[out.length - 4].beta, psi: { AU06_L: 1, AU06_R: 1, AU12_L: 1, AU12_R: 1 } });
  return out;
}

async function main(): Promise<void> {
  const model = createDefaultFaceModel();
  const col = colours(model);
  const list = tiles();
  const neutral = lbsReference(model, { batch: 1 });
  const rows = Math.ceil(list.length / COLUMNS);
  const W = TILE.width * COLUMNS, H = (TILE.height + TILE.label) * rows;
  const composites: sharp.OverlayOptions[] = [];
  for (const [i, t] of list.entries()) {
    const psi = new Float64Array(model.numExpression);
    for (const [n, v] of Object.entries(t.psi ?? {})) psi[model.exprNames.indexOf(n as AuParamName)] = v;
    const beta = new Float64Array(model.numShape);
    (t.beta ?? []).forEach((b, k) => { if (k < model.numShape) beta[k] = b; });
    const posed = lbsReference(model, { batch: 1, beta, psi });
    // Tint against the same identity with no expression.
    const rest = t.beta ? lbsReference(model, { batch: 1, beta }) : neutral;
    const mesh: RasterMesh = { positions: Float32Array.from(posed.vertices), indices: model.faces, colors: t.psi ? tint(col, posed.vertices, rest.vertices) : col, cull: 'none' };
    const img = rasterize([mesh], t.camera ?? FRONT, { width: TILE.width, height: TILE.height });
    const x = (i % COLUMNS) * TILE.width, y = Math.floor(i / COLUMNS) * (TILE.height + TILE.label);
    composites.push({ input: Buffer.from(img.rgb), raw: { width: TILE.width, height: TILE.height, channels: 3 }, left: x, top: y });
    const svg = `<svg width="${TILE.width}" height="${TILE.label}"><rect width="100%" height="100%" fill="#202428"/><text x="6" y="16" font-family="sans-serif" font-size="12" fill="#ffffff">${t.label.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text></svg>`;
    composites.push({ input: Buffer.from(svg), left: x, top: y + TILE.height });
  }
  await sharp({ create: { width: W, height: H, channels: 3, background: '#9ea8b2' } }).composite(composites).png().toFile(OUT);
  process.stdout.write(`wrote ${OUT}: ${list.length} tiles, V=${model.numVertices}, F=${model.numFaces}, nβ=${model.numShape}, nψ=${model.numExpression}\n`);
}

await main();
