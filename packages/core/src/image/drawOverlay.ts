import sharp from 'sharp';
import { AurigError } from '../errors/AurigError.ts';
import { TRI468 } from '../detect/meshTopology.ts';
import type { DetectedFace } from '../detect/types.ts';
import type { RgbImage } from './RgbImage.ts';

export interface OverlayOptions {
  /** Further point sets (x, y pairs, image pixels) drawn as green crosses, e.g. ground-truth landmarks. */
  readonly extraPoints?: readonly Float32Array[];
}

/** Each mesh edge once (vertex pairs), from the triangles. */
const MESH_EDGES: readonly number[] = (() => {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let t = 0; t < TRI468.length; t += 3) {
    for (const [a, b] of [[TRI468[t]!, TRI468[t + 1]!], [TRI468[t + 1]!, TRI468[t + 2]!], [TRI468[t + 2]!, TRI468[t]!]] as const) {
      const key = Math.min(a, b) * 1000 + Math.max(a, b);
      if (!seen.has(key)) { seen.add(key); out.push(a, b); }
    }
  }
  return out;
})();

const f1 = (v: number) => v.toFixed(1);

/**
 * Draw each face (mesh edges in cyan, the 68 iBUG points in red, iris centres in yellow, box in white)
 * over `image` and write it as a PNG to `outFile`. Line widths follow each face's size.
 */
export async function drawOverlay(image: RgbImage, faces: readonly DetectedFace[], outFile: string, options: OverlayOptions = {}): Promise<void> {
  const parts: string[] = [];
  for (const face of faces) {
    const lm = face.landmarks;
    const w = Math.max(0.5, face.box.width / 300);
    parts.push(`<rect x="${f1(face.box.x)}" y="${f1(face.box.y)}" width="${f1(face.box.width)}" height="${f1(face.box.height)}" fill="none" stroke="white" stroke-width="${f1(w * 2)}"/>`);
    let d = '';
    for (let e = 0; e < MESH_EDGES.length; e += 2) {
      const a = MESH_EDGES[e]! * 3; const b = MESH_EDGES[e + 1]! * 3;
      d += `M${f1(lm[a]!)} ${f1(lm[a + 1]!)}L${f1(lm[b]!)} ${f1(lm[b + 1]!)}`;
    }
    parts.push(`<path d="${d}" stroke="cyan" stroke-opacity="0.6" stroke-width="${f1(w)}" fill="none"/>`);
    for (let i = 0; i < 68; i++) parts.push(`<circle cx="${f1(face.landmarks68[i * 2]!)}" cy="${f1(face.landmarks68[i * 2 + 1]!)}" r="${f1(w * 2.5)}" fill="red"/>`);
    if (face.iris) for (const p of [face.iris.left, face.iris.right]) parts.push(`<circle cx="${f1(p.x)}" cy="${f1(p.y)}" r="${f1(p.radius)}" fill="none" stroke="yellow" stroke-width="${f1(w)}"/>`);
  }
  const cross = Math.max(2, Math.max(image.width, image.height) / 300);
  for (const pts of options.extraPoints ?? []) {
    for (let i = 0; i < pts.length; i += 2) {
      const x = pts[i]!; const y = pts[i + 1]!;
      parts.push(`<path d="M${f1(x - cross)} ${f1(y)}H${f1(x + cross)}M${f1(x)} ${f1(y - cross)}V${f1(y + cross)}" stroke="lime" stroke-width="${f1(cross / 2)}"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${image.width}" height="${image.height}">${parts.join('')}</svg>`;
  try {
    await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
      .png()
      .toFile(outFile);
  } catch (e) {
    throw new AurigError('E_IO', `cannot write the overlay ${outFile}: ${(e as Error).message}; check the folder exists and is writable`, { path: outFile, cause: e });
  }
}
