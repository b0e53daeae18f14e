import { VTX68 } from '@aurig/core';
import type { RigDefinition, RigParamDef, RigDriverDef, RigBoneDef, RigMeshPartDef } from '../rig/RigDefinition.ts';
import { buildFaceGeometry, buildEye, buildTeeth, buildNeck, type BuiltPart } from './buildGeometry.ts';
import { buildBrow, BROW_STYLE_COUNT, BASE_BROW_STYLE } from './buildBrows.ts';
import { DEFAULT_RIG_AUS, DEFAULT_RIG_IDENTITY, BASE_AU, BASE_IDENTITY, IDENTITY_GAIN } from './DEFAULT_RIG_LAYOUT.ts';
import { MP_POINTS as P, MP_SETS as S } from './landmarks.ts';
import { auDrivers } from './auDrivers.ts';

type V3 = [number, number, number];
const gauss = (d2: number, s: number) => Math.exp(-d2 / (2 * s * s));
const smooth = (e0: number, e1: number, x: number) => { const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0))); return t * t * (3 - 2 * t); };

let cached: RigDefinition | undefined;

/**
 * The default BDFM rig (seed 003 §2.2): core's default face surface (468 landmarks exact)
 * subdivided into a game head with eyes, teeth, mouth interior, brows (36 styles) and neck;
 * facial bones; 269 values = head pose 2 + AU 23 + identity 208 continuous + brow style 36-way.
 */
export function buildDefaultRigDefinition(): RigDefinition {
  cached ??= build();
  return cached;
}

function build(): RigDefinition {
  const g = buildFaceGeometry();
  const lm = g.lm;
  const avg = (a: V3, b: V3): V3 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
  const { L: eL, R: eR } = g.eyeCentre;
  // ── bones: name, parent, pivot (world mm) ──
  const pivots: [string, string | undefined, V3][] = [
    ['neck', undefined, [0, -95, -15]], ['head', 'neck', [0, -70, -10]],
    ['jaw', 'head', [0, g.mouthY + 28, 0]], ['chin', 'jaw', lm(P.chinFront)], ['lip_lower', 'jaw', lm(P.lowerLipBottom)],
    ['jawline_L', 'jaw', lm(P.jawlineL)], ['jawline_R', 'jaw', lm(P.jawlineR)],
    ['lip_upper', 'head', lm(P.upperLipTop)], ['lip_corner_L', 'head', lm(P.lipCornerL)], ['lip_corner_R', 'head', lm(P.lipCornerR)],
    ['cheek_L', 'head', lm(P.cheekL)], ['cheek_R', 'head', lm(P.cheekR)], ['cheekbone_L', 'head', lm(P.cheekboneL)], ['cheekbone_R', 'head', lm(P.cheekboneR)],
    ['nose', 'head', lm(P.noseBridge)], ['nose_tip', 'nose', lm(P.noseTip)], ['nostril_L', 'nose', lm(P.nostrilL)], ['nostril_R', 'nose', lm(P.nostrilR)],
    ['forehead', 'head', lm(P.forehead)],
    ['brow_inner_L', 'forehead', avg(lm(P.browInnerL), lm(P.browInnerLowL))], ['brow_outer_L', 'forehead', avg(lm(P.browOuterL), lm(P.browOuterLowL))],
    ['brow_inner_R', 'forehead', avg(lm(P.browInnerR), lm(P.browInnerLowR))], ['brow_outer_R', 'forehead', avg(lm(P.browOuterR), lm(P.browOuterLowR))],
    ['temple_L', 'forehead', lm(P.templeL)], ['temple_R', 'forehead', lm(P.templeR)],
    ['eye_socket_L', 'head', eL], ['eye_L', 'eye_socket_L', eL], ['eyelid_upper_L', 'eye_socket_L', eL], ['eyelid_lower_L', 'eye_socket_L', eL],
    ['eye_socket_R', 'head', eR], ['eye_R', 'eye_socket_R', eR], ['eyelid_upper_R', 'eye_socket_R', eR], ['eyelid_lower_R', 'eye_socket_R', eR],
  ];
  const pivot = new Map(pivots.map(([n, , p]) => [n, p]));
  const bones: RigBoneDef[] = pivots.map(([name, parent, p]) => {
    const pp = parent ? pivot.get(parent)! : [0, 0, 0];
    return { name, ...(parent ? { parent } : {}), translation: [p[0] - pp[0], p[1] - pp[1], p[2] - pp[2]] };
  });
  const bi = new Map(bones.map((b, i) => [b.name, i]));

  // ── skin weights on the base (core) vertices ──
  const lower = new Set<number>(S.lowerLip), upper = new Set<number>(S.upperLip), corners = new Set<number>(S.lipCorners);
  const lid = (set: readonly number[], w: number) => new Map(set.map((v) => [v, w] as [number, number]));
  const lids: [string, Map<number, number>][] = [
    ['eyelid_upper_L', new Map([...lid(S.eyeUpper1L, 0.55), ...lid(S.eyeUpperL, 1)])], ['eyelid_lower_L', new Map([...lid(S.eyeLower1L, 0.4), ...lid(S.eyeLowerL, 0.9)])],
    ['eyelid_upper_R', new Map([...lid(S.eyeUpper1R, 0.55), ...lid(S.eyeUpperR, 1)])], ['eyelid_lower_R', new Map([...lid(S.eyeLower1R, 0.4), ...lid(S.eyeLowerR, 0.9)])],
  ];
  for (const c of [263, 362, 33, 133]) for (const [, m] of lids) if (m.has(c)) m.set(c, 0.25);
  const eyeY = (eL[1] + eR[1]) / 2;
  const regions: [string, V3, number, (p: V3) => boolean][] = [
    ['chin', lm(P.chinFront), 13, (p) => p[1] < g.mouthY - 6], ['lip_lower', lm(P.lowerLipBottom), 7, (p) => p[1] < g.mouthY],
    ['lip_upper', lm(P.upperLipTop), 7, (p) => p[1] > g.mouthY], ['lip_corner_L', lm(P.lipCornerL), 7.5, () => true], ['lip_corner_R', lm(P.lipCornerR), 7.5, () => true],
    ['cheek_L', lm(P.cheekL), 13, () => true], ['cheek_R', lm(P.cheekR), 13, () => true],
    ['cheekbone_L', lm(P.cheekboneL), 11, () => true], ['cheekbone_R', lm(P.cheekboneR), 11, () => true],
    ['jawline_L', lm(P.jawlineL), 15, () => true], ['jawline_R', lm(P.jawlineR), 15, () => true],
    ['nose', lm(P.noseBridge), 9, () => true], ['nose_tip', lm(P.noseTip), 6.5, () => true], ['nostril_L', lm(P.nostrilL), 5.5, () => true], ['nostril_R', lm(P.nostrilR), 5.5, () => true],
    ['forehead', lm(P.forehead), 22, (p) => p[1] > eyeY + 8],
    ['brow_inner_L', pivot.get('brow_inner_L')!, 8, (p) => p[1] > eyeY + 5], ['brow_outer_L', pivot.get('brow_outer_L')!, 9, (p) => p[1] > eyeY + 3],
    ['brow_inner_R', pivot.get('brow_inner_R')!, 8, (p) => p[1] > eyeY + 5], ['brow_outer_R', pivot.get('brow_outer_R')!, 9, (p) => p[1] > eyeY + 3],
    ['temple_L', lm(P.templeL), 13, () => true], ['temple_R', lm(P.templeR), 13, () => true],
    ['eye_socket_L', eL, 16, () => true], ['eye_socket_R', eR, 16, () => true],
  ];
  const baseWeights = (v: number): Map<string, number> => {
    const p: V3 = [g.base[3 * v], g.base[3 * v + 1], g.base[3 * v + 2]];
    const w = new Map<string, number>();
    const isFace = v < 468;
    const isMouth = v >= g.parts.mouth.start && v < g.parts.mouth.end;
    let jaw = 0;
    if (lower.has(v)) jaw = 1;
    else if (corners.has(v)) jaw = 0.35;
    else if (upper.has(v)) jaw = 0;
    else jaw = smooth(g.mouthY + 2, g.mouthY - 14, p[1]) * smooth(-45, -5, p[2]);
    if (isMouth) jaw = smooth(g.mouthY + 1, g.mouthY - 4, p[1]);
    if (isFace) {
      for (const [bone, set] of lids) { const x = set.get(v); if (x) w.set(bone, x); }
      if (!w.size) for (const [bone, c, s, mask] of regions) {
        if (!mask(p)) continue;
        const x = gauss((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2, s);
        if (x > 0.02) w.set(bone, x * (bone.startsWith('eye_socket') ? 0.5 : 1));
      }
      if (lower.has(v)) w.set('lip_lower', Math.max(w.get('lip_lower') ?? 0, 0.8));
      if (upper.has(v)) w.set('lip_upper', Math.max(w.get('lip_upper') ?? 0, 0.8));
      if (corners.has(v)) w.set(v === 291 || v === 308 || v === 306 || v === 292 ? 'lip_corner_L' : 'lip_corner_R', 0.95);
    }
    let sum = 0;
    for (const x of w.values()) sum += x;
    if (sum > 1) for (const [k, x] of w) w.set(k, x / sum);
    const rest = Math.max(0, 1 - Math.min(1, sum));
    if (rest > 0) { w.set('jaw', (w.get('jaw') ?? 0) + rest * jaw); w.set('head', rest * (1 - jaw)); }
    return w;
  };
  const bw = Array.from({ length: g.base.length / 3 }, (_, v) => baseWeights(v));
  const skinOf = (maps: Map<string, number>[]) => {
    const joints: number[] = [], weights: number[] = [];
    for (const m of maps) {
      const top = [...m.entries()].filter(([, x]) => x > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 4);
      const s = top.reduce((t, [, x]) => t + x, 0) || 1;
      for (let k = 0; k < 4; k++) { joints.push(top[k] ? bi.get(top[k][0])! : 0); weights.push(top[k] ? top[k][1] / s : 0); }
    }
    return { joints, weights };
  };
  const faceMaps = g.faceSrc.map(([a, b]) => {
    if (a === b) return bw[a];
    const m = new Map<string, number>();
    for (const [k, x] of bw[a]) m.set(k, x / 2);
    for (const [k, x] of bw[b]) m.set(k, (m.get(k) ?? 0) + x / 2);
    return m;
  });
  const rigid = (bone: string, n: number) => skinOf(Array.from({ length: n }, () => new Map([[bone, 1]])));
  const part = (b: BuiltPart, skin: { joints: number[]; weights: number[] }, morphTargets?: RigMeshPartDef['morphTargets']): RigMeshPartDef => ({
    name: b.name, positions: b.positions.map(round), indices: b.indices, colors: b.colors.map(round), skin, faceRegion: b.faceRegion, cull: b.cull,
    ...(morphTargets ? { morphTargets } : {}),
  });

  const eyeL = buildEye('eye_L', eL, g.eyeRadius), eyeR = buildEye('eye_R', eR, g.eyeRadius);
  const ul = lm(P.upperLipInner), ll = lm(P.lowerLipInner);
  const halfW = Math.abs(lm(P.lipCornerL)[0] - lm(P.lipCornerR)[0]) * 0.42;
  const tc: V3 = [0, g.mouthY, Math.min(ul[2], ll[2]) - 5];
  const teethU = buildTeeth('teeth_upper', tc, halfW, g.mouthY + 8, g.mouthY - 0.5);
  const teethL = buildTeeth('teeth_lower', tc, halfW * 0.95, g.mouthY + 0.3, g.mouthY - 7);
  const browL = buildBrow('L', lm), browR = buildBrow('R', lm);
  const browSkin = (b: typeof browL, side: 'L' | 'R') => skinOf(b.along.map((u) => new Map([[`brow_inner_${side}`, 1 - u], [`brow_outer_${side}`, u]])));
  const neck = buildNeck(-60, -175, 46, 42, -18);
  const neckSkin = skinOf(Array.from({ length: neck.positions.length / 3 }, (_, v) => {
    const y = neck.positions[3 * v + 1];
    const h = smooth(-110, -62, y);
    return new Map([['head', h], ['neck', 1 - h]]);
  }));
  const brTargets = (b: typeof browL) => b.morphTargets.map((t) => ({ name: t.name, deltas: t.deltas.map(round) }));

  const parts: RigMeshPartDef[] = [
    part(g.face, skinOf(faceMaps)),
    part(eyeL, rigid('eye_L', eyeL.positions.length / 3)), part(eyeR, rigid('eye_R', eyeR.positions.length / 3)),
    part(teethU, rigid('head', teethU.positions.length / 3)), part(teethL, rigid('jaw', teethL.positions.length / 3)),
    part(browL, browSkin(browL, 'L'), brTargets(browL)), part(browR, browSkin(browR, 'R'), brTargets(browR)),
    part(neck, neckSkin),
  ];

  // ── params and drivers ──
  const params: RigParamDef[] = [
    { name: 'head_yaw', group: 'pose', min: -0.6, max: 0.6, default: 0, unit: 'rad', description: 'turn about +y; positive turns the face toward the subject\'s left (+x)' },
    { name: 'head_pitch', group: 'pose', min: -0.45, max: 0.45, default: 0, unit: 'rad', description: 'tilt about +x; positive tilts the face down' },
  ];
  const drivers: RigDriverDef[] = [
    { param: 'head_yaw', bone: 'head', rotation: [0, 1, 0] },
    { param: 'head_pitch', bone: 'head', rotation: [1, 0, 0] },
  ];
  for (const [name, au, side] of DEFAULT_RIG_AUS) params.push({ name, group: 'au', au, side, min: 0, max: 1, default: BASE_AU });
  drivers.push(...auDrivers());
  for (const comp of DEFAULT_RIG_IDENTITY) {
    for (const side of comp.paired ? (['L', 'R'] as const) : [undefined]) {
      const bone = side ? `${comp.bone}_${side}` : comp.bone;
      const m = side === 'R' ? -1 : 1;
      for (const ch of comp.channels) {
        const name = `id_${bone}_${ch}`;
        params.push({ name, group: 'identity', min: 0, max: 1, default: BASE_IDENTITY, ...(side ? { side: side === 'L' ? 'left' as const : 'right' as const } : {}) });
        const axis = 'xyz'.indexOf(ch[1]);
        const v: [number, number, number] = [0, 0, 0];
        if (ch[0] === 't') { v[axis] = IDENTITY_GAIN.t * (axis === 0 ? m : 1); drivers.push({ param: name, bone, translation: v, origin: BASE_IDENTITY }); }
        else if (ch[0] === 'r') { v[axis] = IDENTITY_GAIN.r * (axis === 0 ? 1 : m); drivers.push({ param: name, bone, rotation: v, origin: BASE_IDENTITY }); }
        else { v[axis] = bone === 'head' ? IDENTITY_GAIN.headScale : IDENTITY_GAIN.s; drivers.push({ param: name, bone, scale: v, origin: BASE_IDENTITY }); }
      }
    }
  }
  const choices = Array.from({ length: BROW_STYLE_COUNT }, (_, k) => String(k).padStart(2, '0'));
  params.push({ name: 'brow_style', group: 'identity', choices, default: BASE_BROW_STYLE, description: '36 brow styles: 3 thicknesses × 3 arches × 4 tails' });
  for (const c of choices) drivers.push({ param: `brow_style:${c}`, morph: `brow_style_${c}` });

  return {
    aurig: 'rig/1',
    name: 'aurig-bdfm',
    params, bones, drivers,
    mesh: { parts },
    landmarks: {
      mediapipe468: Array.from({ length: 468 }, (_, i) => ({ part: 'face', vertices: [i] })),
      ibug68: Array.from(VTX68, (i) => ({ part: 'face', vertices: [i] })),
    },
    camera: { position: [0, -5, 640], target: [0, -5, 40], fovYDeg: 24 },
  };
}

function round(x: number): number { return Math.round(x * 1e4) / 1e4; }
