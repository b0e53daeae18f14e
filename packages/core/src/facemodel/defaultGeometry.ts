import { UV468 } from './mediapipeTopology.ts';
import { TRI468 } from '../detect/meshTopology.ts';
import { MP } from './defaultRegions.ts';

/**
 * Shape constants of the default head (millimetres). The face is the MediaPipe UV468 layout read
 * as arc lengths on a head-shaped surface: u across (subject's left = +x), v down.
 */
export const DEFAULT_HEAD = {
  /** mm per unit u: puts the eye centres 63 mm apart. */
  uScale: 209,
  /** mm per unit v: ~125 mm from brow to chin. */
  vScale: 185,
  /** v of the line through the eye corners. */
  vEyeLine: 0.38,
  /** Height of the eye line above the origin (head centre). */
  yEyeLine: 15,
  /** Depth of the face front (nasion level, before features) in front of the origin. */
  zFront: 86,
  /** Horizontal radius of the face surface at eye level and at the jaw. */
  radiusTop: 80,
  radiusJaw: 62,
  /** Semi-axes of the cranium ellipsoid used for the back-of-head shell. */
  cranium: [76, 100, 98] as const,
  /** Eyeball radius and its rings/segments. */
  eyeRadius: 12,
  eyeRings: 7,
  eyeSegments: 12,
  /** Mouth cavity depth behind the inner lips. */
  mouthDepth: 26,
  /** Number of shell rings between the face silhouette and the back pole. */
  shellRings: 5,
} as const;

export interface DefaultGeometry {
  /** V×3 positions, mm. */
  readonly positions: Float64Array;
  /** F×3 triangles. */
  readonly faces: Uint32Array;
  readonly parts: {
    face: { start: number; end: number };
    leftEye: { start: number; end: number };
    rightEye: { start: number; end: number };
    mouth: { start: number; end: number };
    scalp: { start: number; end: number };
  };
  /** Centre of the left and right eyeballs (mm). */
  readonly eyeCentres: { left: [number, number, number]; right: [number, number, number] };
  /** Mouth cavity ring vertices, per ring the MediaPipe inner-lip vertex it follows. */
  readonly mouthFollows: Uint32Array;
  /** Shell vertices (relative order): the silhouette vertex each one grows from (pole: −1). */
  readonly shellFollows: Int32Array;
}

const gauss = (d2: number, s: number): number => Math.exp(-d2 / (2 * s * s));
const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/**
 * Depth relief of the face (mm, added to the base surface) at arc position a (across, mm, + to the
 * subject's left) and b (height above the eye line, mm): nose, orbits, brow ridge, cheekbones,
 * lips, chin.
 */
function relief(a: number, b: number): number {
  const aa = Math.abs(a);
  let dz = 0;
  // Nose: a ridge on the midline, 4 mm at the nasion (b = 5) to 22 mm at the tip (b = −31),
  // back to 5 mm at the subnasale (b = −41); wider toward the tip.
  let p = 0;
  if (b > 5) p = 4 * (1 - smoothstep(5, 16, b));
  else if (b > -31) { const t = (5 - b) / 36; p = 4 + 18 * Math.pow(t, 1.3); }
  else if (b > -43) { const t = (-31 - b) / 12; p = 22 - 17 * smoothstep(0, 1, t); }
  else p = 5 * (1 - smoothstep(-43, -48, b));
  const sigma = 5 + 5 * smoothstep(0, -34, b);
  dz += p * gauss(a * a, sigma);
  // Alae (nostril wings).
  dz += 6 * gauss((aa - 13) ** 2 + (b + 36) ** 2, 6);
  // Orbits: recessed around the eyes.
  dz -= 6 * gauss((aa - 31) ** 2 / 1.6 + b * b, 11);
  // Brow ridge.
  dz += 4 * gauss((b - 17) ** 2, 6) * (1 - smoothstep(45, 60, aa));
  // Cheekbones.
  dz += 6 * gauss((aa - 44) ** 2 + (b + 20) ** 2, 13);
  // Lips: upper lip forward of the lower, corners tucked in.
  dz += 5 * gauss(a * a / 2.2 + (b + 53) ** 2 * 2, 9) + 3 * gauss(a * a / 2.4 + (b + 64) ** 2 * 2, 9);
  dz -= 3 * gauss((aa - 26) ** 2 + (b + 58) ** 2, 5);
  // Philtrum/upper-lip region stands out from the cheeks a little (muzzle).
  dz += 4 * gauss(a * a / 4 + (b + 55) ** 2, 14);
  // Mentolabial sulcus and chin.
  dz -= 2.5 * gauss(a * a / 5 + (b + 75) ** 2, 5);
  dz += 6 * gauss(a * a / 3 + (b + 92) ** 2, 10);
  return dz;
}

/** Face point for arc coordinates (a, b) in mm: the base surface plus the relief. */
function facePoint(a: number, b: number): [number, number, number] {
  const H = DEFAULT_HEAD;
  // Horizontal radius narrows from the cheekbones to the jaw.
  const r = H.radiusTop - (H.radiusTop - H.radiusJaw) * smoothstep(-20, -95, b);
  // Face front: forehead slopes back above the brows, chin and jaw slope back below the mouth.
  let zf = H.zFront;
  if (b > 10) zf -= ((b - 10) ** 2) / (2 * 90);
  if (b < -70) zf -= ((-70 - b) ** 2) / (2 * 60);
  const phi = a / r;
  const x = r * Math.sin(phi);
  const z = zf - r * (1 - Math.cos(phi)) + relief(a, b) * Math.cos(Math.min(phi, 1.5));
  return [x, H.yEyeLine + b, z];
}

/** Arc coordinates (a, b) in mm of MediaPipe landmark i. */
export function uvArc(i: number): [number, number] {
  const H = DEFAULT_HEAD;
  return [(UV468[2 * i] - 0.5) * H.uScale, -(UV468[2 * i + 1] - H.vEyeLine) * H.vScale];
}

function pushTri(out: number[], a: number, b: number, c: number, pos: ArrayLike<number>, outward: (cx: number, cy: number, cz: number) => [number, number, number]): void {
  const ux = pos[3 * b] - pos[3 * a], uy = pos[3 * b + 1] - pos[3 * a + 1], uz = pos[3 * b + 2] - pos[3 * a + 2];
  const vx = pos[3 * c] - pos[3 * a], vy = pos[3 * c + 1] - pos[3 * a + 1], vz = pos[3 * c + 2] - pos[3 * a + 2];
  const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
  const cx = (pos[3 * a] + pos[3 * b] + pos[3 * c]) / 3, cy = (pos[3 * a + 1] + pos[3 * b + 1] + pos[3 * c + 1]) / 3, cz = (pos[3 * a + 2] + pos[3 * b + 2] + pos[3 * c + 2]) / 3;
  const [ox, oy, oz] = outward(cx, cy, cz);
  if (nx * ox + ny * oy + nz * oz >= 0) out.push(a, b, c);
  else out.push(a, c, b);
}

/**
 * Build the neutral default head: the 468 face-mesh points first (MediaPipe order), then the
 * left and right eyeballs, the mouth cavity, and the back-of-head shell. Deterministic.
 */
export function buildDefaultGeometry(): DefaultGeometry {
  const H = DEFAULT_HEAD;
  const pos: number[] = [];
  for (let i = 0; i < 468; i++) pos.push(...facePoint(...uvArc(i)));
  // TRI468 closes the eye openings; drop the triangles spanned by the lid margins to open them.
  const lidMargin = new Set<number>([...MP.leftEyeUpper0, ...MP.leftEyeLower0, ...MP.rightEyeUpper0, ...MP.rightEyeLower0]);
  const faces: number[] = [];
  for (let t = 0; t < TRI468.length; t += 3) {
    if (lidMargin.has(TRI468[t]) && lidMargin.has(TRI468[t + 1]) && lidMargin.has(TRI468[t + 2])) continue;
    faces.push(TRI468[t], TRI468[t + 1], TRI468[t + 2]);
  }

  // Eyes: centre behind the middle of the eye opening, lids resting on the ball.
  const eyeCentre = (loop: readonly number[]): [number, number, number] => {
    let x = 0, y = 0, z = 0;
    for (const i of loop) { x += pos[3 * i]; y += pos[3 * i + 1]; z += pos[3 * i + 2]; }
    const n = loop.length;
    return [x / n, y / n, z / n + 4.5 - H.eyeRadius];
  };
  const leftLoop = [...MP.leftEyeUpper0, ...MP.leftEyeLower0];
  const rightLoop = [...MP.rightEyeUpper0, ...MP.rightEyeLower0];
  const centres = { left: eyeCentre(leftLoop), right: eyeCentre(rightLoop) };
  // Lid margins sit 0.8 mm outside the eyeball; the next ring blends toward it.
  const onBall = (i: number, c: readonly number[], lift: number, blend: number): void => {
    const dx = pos[3 * i] - c[0], dy = pos[3 * i + 1] - c[1];
    const r = H.eyeRadius + lift;
    const zBall = c[2] + Math.sqrt(Math.max(0, r * r - dx * dx - dy * dy));
    pos[3 * i + 2] = (1 - blend) * pos[3 * i + 2] + blend * Math.max(zBall, pos[3 * i + 2] - 3);
  };
  for (const i of leftLoop) onBall(i, centres.left, 0.8, 1);
  for (const i of rightLoop) onBall(i, centres.right, 0.8, 1);
  for (const i of [...MP.leftEyeUpper1, ...MP.leftEyeLower1]) onBall(i, centres.left, 2.5, 0.6);
  for (const i of [...MP.rightEyeUpper1, ...MP.rightEyeLower1]) onBall(i, centres.right, 2.5, 0.6);

  // Inner lips tucked behind the outer lips.
  for (const i of [...MP.lipsUpperInner, ...MP.lipsLowerInner]) pos[3 * i + 2] -= 2.5;
  for (const i of [...MP.lipsUpperSemiInner, ...MP.lipsLowerSemiInner]) pos[3 * i + 2] -= 1;

  const sphere = (c: readonly number[]): { start: number; end: number } => {
    const start = pos.length / 3;
    const R = H.eyeRadius, rings = H.eyeRings, segs = H.eyeSegments;
    pos.push(c[0], c[1], c[2] + R); // front pole = pupil
    for (let k = 1; k <= rings; k++) {
      // Denser near the front (cornea/iris), sparse behind.
      const polar = Math.PI * Math.pow(k / (rings + 1), 1.25);
      for (let s = 0; s < segs; s++) {
        const az = (2 * Math.PI * s) / segs;
        pos.push(c[0] + R * Math.sin(polar) * Math.cos(az), c[1] + R * Math.sin(polar) * Math.sin(az), c[2] + R * Math.cos(polar));
      }
    }
    pos.push(c[0], c[1], c[2] - R);
    const end = pos.length / 3;
    const out = (cx: number, cy: number, cz: number): [number, number, number] => [cx - c[0], cy - c[1], cz - c[2]];
    const ring = (k: number, s: number): number => start + 1 + (k - 1) * segs + (s % segs);
    for (let s = 0; s < segs; s++) pushTri(faces, start, ring(1, s), ring(1, s + 1), pos, out);
    for (let k = 1; k < rings; k++) for (let s = 0; s < segs; s++) {
      pushTri(faces, ring(k, s), ring(k + 1, s), ring(k + 1, s + 1), pos, out);
      pushTri(faces, ring(k, s), ring(k + 1, s + 1), ring(k, s + 1), pos, out);
    }
    for (let s = 0; s < segs; s++) pushTri(faces, end - 1, ring(rings, s + 1), ring(rings, s), pos, out);
    return { start, end };
  };
  const leftEye = sphere(centres.left);
  const rightEye = sphere(centres.right);

  // Mouth cavity: two rings behind the inner-lip loop and a back point; seen from the front.
  const lipLoop = [...MP.lipsUpperInner, ...[...MP.lipsLowerInner].reverse()];
  let mx = 0, my = 0, mz = 0;
  for (const i of lipLoop) { mx += pos[3 * i]; my += pos[3 * i + 1]; mz += pos[3 * i + 2]; }
  mx /= lipLoop.length; my /= lipLoop.length; mz /= lipLoop.length;
  const mouthStart = pos.length / 3;
  const mouthFollows: number[] = [];
  const ringScale = [[0.92, 8, 0.4], [0.6, 18, 0.75]] as const; // [lateral scale, depth, vertical reach]
  for (const [sx, depth, reach] of ringScale) {
    for (const i of lipLoop) {
      const below = MP.lipsLowerInner.includes(i as never) ? -1 : MP.lipsUpperInner.includes(i as never) && i !== 78 && i !== 308 ? 1 : 0;
      pos.push(mx + (pos[3 * i] - mx) * sx, my + below * reach * 8, mz - depth);
      mouthFollows.push(i);
    }
  }
  pos.push(mx, my, mz - H.mouthDepth);
  mouthFollows.push(13);
  const mouthEnd = pos.length / 3;
  const n = lipLoop.length;
  const toViewer = (): [number, number, number] => [0, 0, 1];
  const mring = (r: number, k: number): number => (r === 0 ? lipLoop[k % n] : mouthStart + (r - 1) * n + (k % n));
  for (let r = 0; r < 2; r++) for (let k = 0; k < n; k++) {
    pushTri(faces, mring(r, k), mring(r + 1, k), mring(r + 1, k + 1), pos, toViewer);
    pushTri(faces, mring(r, k), mring(r + 1, k + 1), mring(r, k + 1), pos, toViewer);
  }
  for (let k = 0; k < n; k++) pushTri(faces, mouthEnd - 1, mring(2, k), mring(2, k + 1), pos, toViewer);

  // Back-of-head shell: rings from the face silhouette to a back pole over the cranium ellipsoid.
  const C = [0, 0, 0];
  const sil = MP.silhouette;
  const shellStart = pos.length / 3;
  const shellFollows: number[] = [];
  const [ax, ay, az] = H.cranium;
  for (let k = 1; k <= H.shellRings; k++) {
    const t = k / (H.shellRings + 1);
    for (const i of sil) {
      const px = pos[3 * i] - C[0], py = pos[3 * i + 1] - C[1], pz = pos[3 * i + 2] - C[2];
      const r0 = Math.hypot(px, py, pz);
      // Direction: rotate from the silhouette direction toward the back pole (0, 0, −1).
      const d0 = [px / r0, py / r0, pz / r0];
      const om = Math.acos(Math.max(-1, Math.min(1, -d0[2])));
      const w0 = Math.sin((1 - t) * om) / Math.sin(om), w1 = Math.sin(t * om) / Math.sin(om);
      const d = [w0 * d0[0], w0 * d0[1], w0 * d0[2] - w1];
      const dn = Math.hypot(d[0], d[1], d[2]);
      const ux = d[0] / dn, uy = d[1] / dn, uz = d[2] / dn;
      const rEll = 1 / Math.sqrt((ux / ax) ** 2 + (uy / ay) ** 2 + (uz / az) ** 2);
      const blend = smoothstep(0, 0.5, t);
      // Below the chin the shell runs back as a short neck-less underside.
      const r = (1 - blend) * r0 + blend * rEll;
      pos.push(C[0] + ux * r, C[1] + uy * r, C[2] + uz * r);
      shellFollows.push(i);
    }
  }
  pos.push(C[0], C[1], C[2] - az);
  shellFollows.push(-1);
  const shellEnd = pos.length / 3;
  const m = sil.length;
  const sring = (r: number, k: number): number => (r === 0 ? sil[k % m] : shellStart + (r - 1) * m + (k % m));
  const fromCentre = (cx: number, cy: number, cz: number): [number, number, number] => [cx - C[0], cy - C[1], cz - C[2] + 30];
  for (let r = 0; r < H.shellRings; r++) for (let k = 0; k < m; k++) {
    pushTri(faces, sring(r, k), sring(r + 1, k), sring(r + 1, k + 1), pos, fromCentre);
    pushTri(faces, sring(r, k), sring(r + 1, k + 1), sring(r, k + 1), pos, fromCentre);
  }
  for (let k = 0; k < m; k++) pushTri(faces, shellEnd - 1, sring(H.shellRings, k), sring(H.shellRings, k + 1), pos, fromCentre);

  return {
    positions: Float64Array.from(pos),
    faces: Uint32Array.from(faces),
    parts: {
      face: { start: 0, end: 468 },
      leftEye,
      rightEye,
      mouth: { start: mouthStart, end: mouthEnd },
      scalp: { start: shellStart, end: shellEnd },
    },
    eyeCentres: centres,
    mouthFollows: Uint32Array.from(mouthFollows),
    shellFollows: Int32Array.from(shellFollows),
  };
}
