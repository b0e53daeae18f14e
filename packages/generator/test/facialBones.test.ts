import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeGlb, loadRig, createRigParams, renderRig, facialBoneRole, GLTF_MM_PER_UNIT, type Rig, type GlbDocument } from '@aurig/generator';
import { boneHead, FACIAL_BONES, JAW_PIVOT } from './fixtures/boneHead.ts';

const FACIAL = Object.keys(FACIAL_BONES);
/** Skin joint index (into boneHead's skin) of each vertex. */
const jointOf = (doc: GlbDocument) => Array.from(doc.meshes[0].primitives[0].joints!.filter((_, k) => k % 4 === 0));
const joint = (bone: string) => (bone === 'Jaw' ? 2 : 3 + FACIAL.indexOf(bone));

function pose(rig: Rig, values: Record<string, number> = {}): Float32Array {
  return rig.deform(createRigParams(rig, values).values).meshes[0].positions;
}

/** Per-vertex displacement (mm) of the vertices skinned to `bone`, and the largest move of all others. */
function moves(doc: GlbDocument, a: Float32Array, b: Float32Array, bone: string): { own: number[][]; others: number } {
  const js = jointOf(doc), own: number[][] = [];
  let others = 0;
  js.forEach((j, v) => {
    const d = [b[3 * v] - a[3 * v], b[3 * v + 1] - a[3 * v + 1], b[3 * v + 2] - a[3 * v + 2]];
    if (j === joint(bone)) own.push(d); else others = Math.max(others, Math.hypot(...d));
  });
  assert.ok(own.length > 0, `some vertices are skinned to ${bone}`);
  return { own, others };
}

test('facial bone names of real rigs are recognised with their side', () => {
  const cases: [string, string | undefined, string?][] = [
    ['Jaw', 'jaw', 'both'], ['jaw_bone', 'jaw', 'both'], ['mixamorig:Jaw', 'jaw', 'both'], ['CC_Base_JawRoot', 'jaw', 'both'],
    ['LeftEyelidUpper', 'eyelidUpper', 'left'], ['eyelid_upper_L', 'eyelidUpper', 'left'], ['EyeLid_Upper_R', 'eyelidUpper', 'right'],
    ['CC_Base_L_Eyelid_Lower', 'eyelidLower', 'left'], ['lowerLid.R', 'eyelidLower', 'right'],
    ['Brow_Inner_R', 'browInner', 'right'], ['BrowInnerLeft', 'browInner', 'left'], ['Brow_Outer_L', 'brow', 'left'], ['brow.R', 'brow', 'right'],
    ['lip_corner_L', 'lipCorner', 'left'], ['Mouth_Corner.R', 'lipCorner', 'right'], ['RightLipCorner', 'lipCorner', 'right'],
    ['mixamorig:HeadTop_End', undefined], ['mixamorig:Head', undefined], ['mixamorig:LeftEye', undefined], ['UpperLip', undefined], ['Neck', undefined],
  ];
  for (const [name, role, side] of cases) {
    const r = facialBoneRole(name);
    assert.equal(r?.role, role, name);
    if (role) assert.equal(r!.side, side, name);
  }
});

test('a skinned .glb head: facial bones become params that move their vertices (Babylon getPositionData)', async () => {
  const doc = boneHead();
  const rig = await loadRig(writeGlb(doc));
  const params = rig.definition.params.map((p) => [p.name, p.group, p.au, p.side]);
  assert.deepEqual(params, [
    ['jaw_open', 'au', 'AU26', 'both'],
    ['eyelid_close_L', 'au', 'AU43', 'left'], ['eyelid_close_R', 'au', 'AU43', 'right'],
    ['eyelid_lower_raise_L', 'au', 'AU07', 'left'],
    ['brow_inner_raise_R', 'au', 'AU01', 'right'], ['brow_inner_raise_L', 'au', 'AU01', 'left'],
    ['lip_corner_pull_L', 'au', 'AU12', 'left'], ['lip_corner_pull_R', 'au', 'AU12', 'right'],
  ]);
  assert.ok(rig.definition.bones.some((b) => b.name === 'mixamorig:HeadTop_End' && b.parent === 'mixamorig:Head'));

  const neutral = pose(rig);
  const bind = doc.meshes[0].primitives[0].positions;
  assert.ok(neutral.every((x, i) => Math.abs(x - bind[i] * GLTF_MM_PER_UNIT) < 1e-3), 'the neutral pose is the bind pose, in mm');
  // millimetres: a 90 mm sphere at 1.6 m
  const ys = neutral.filter((_, k) => k % 3 === 1);
  assert.ok(Math.abs(Math.min(...ys) - 1510) < 0.01 && Math.abs(Math.max(...ys) - 1690) < 0.01, `${Math.min(...ys)}..${Math.max(...ys)} mm`);

  // the jaw (oblique bind orientation) turns 0.35 rad about the world x axis through its pivot: exact
  const open = pose(rig, { jaw_open: 1 });
  const jaw = moves(doc, neutral, open, 'Jaw');
  assert.equal(jaw.others, 0, 'only the jaw\'s vertices move');
  const pv = JAW_PIVOT.map((x) => x * GLTF_MM_PER_UNIT);
  const exact = (v: number, a: number) => {
    const y = neutral[3 * v + 1] - pv[1], z = neutral[3 * v + 2] - pv[2];
    return [neutral[3 * v], pv[1] + y * Math.cos(a) - z * Math.sin(a), pv[2] + y * Math.sin(a) + z * Math.cos(a)];
  };
  const jawVerts = jointOf(doc).flatMap((j, v) => (j === 2 ? [v] : []));
  const err = (p: Float32Array, a: number) => Math.max(...jawVerts.map((v) => Math.hypot(...exact(v, a).map((e, k) => e - p[3 * v + k]))));
  assert.ok(err(open, 0.35) < 0.01, `jaw_open 1: ${err(open, 0.35)} mm from a 0.35 rad turn`);
  assert.ok(jaw.own.every((d) => d[1] < 0), 'every vertex under the jaw moves down');
  assert.ok(jaw.own.reduce((s, d) => s + d[1], 0) / jaw.own.length < -5, 'the mouth opens by more than 5 mm on average');
  // the oblique jaw needs keyed segments to stay on the exact turn; the axis-aligned lids one driver
  const count = (bone: string) => rig.definition.drivers.filter((d) => 'bone' in d && d.bone === bone).length;
  assert.ok(count('Jaw') > 1 && count('LeftEyelidUpper') === 1, `${count('Jaw')} jaw drivers`);
  const half = pose(rig, { jaw_open: 0.5 });
  if (process.env.AURIG_TEST_VERBOSE) console.log(`jaw: ${count('Jaw')} drivers, error ${err(open, 0.35)} mm at 1, ${err(half, 0.175)} mm at 0.5`);
  assert.ok(err(half, 0.175) < 0.1, `jaw_open 0.5: ${err(half, 0.175)} mm from a 0.175 rad turn (Euler interpolation)`);

  // lids close downward on their own side only
  const lidL = moves(doc, neutral, pose(rig, { eyelid_close_L: 1 }), 'LeftEyelidUpper');
  assert.equal(lidL.others, 0);
  assert.ok(lidL.own.every((d) => d[1] < -0.5), 'the left upper lid moves down');
  const lower = moves(doc, neutral, pose(rig, { eyelid_lower_raise_L: 1 }), 'CC_Base_L_Eyelid_Lower');
  assert.ok(lower.own.every((d) => d[1] > 0), 'the lower lid rises');
  // translations are millimetres in world axes, mirrored in x for the right side
  const near = (d: number[], e: number[]) => d.every((x, k) => Math.abs(x - e[k]) < 1e-3);
  assert.ok(moves(doc, neutral, pose(rig, { brow_inner_raise_R: 1 }), 'Brow_Inner_R').own.every((d) => near(d, [0, 6, 0])));
  assert.ok(moves(doc, neutral, pose(rig, { lip_corner_pull_L: 1 }), 'lip_corner_L').own.every((d) => near(d, [4, 4, -2])));
  assert.ok(moves(doc, neutral, pose(rig, { lip_corner_pull_R: 1 }), 'Mouth_Corner.R').own.every((d) => near(d, [-4, 4, -2])));

  const a = renderRig(rig, createRigParams(rig)), b = renderRig(rig, createRigParams(rig, { jaw_open: 1 }));
  let covered = 0, changed = 0;
  for (let i = 0; i < a.faceMask.length; i++) { covered += a.faceMask[i]; if (a.rgb[3 * i + 1] !== b.rgb[3 * i + 1]) changed++; }
  assert.ok(covered > a.faceMask.length * 0.3 && changed > 30, `covered ${covered} px, jaw changed ${changed} px`);
  rig.dispose();
});

test('glTF units: metres → millimetres, whatever the armature scale; mmPerUnit for non-metre files', async () => {
  const ref = await loadRig(writeGlb(boneHead()));
  const all = { jaw_open: 1, eyelid_close_L: 1, brow_inner_raise_R: 1, lip_corner_pull_R: 1 };
  const expected = pose(ref, all);
  const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

  // a centimetre armature under a 0.01 scale (as Mixamo / Blender exports) moves the same millimetres
  const cm = await loadRig(writeGlb(boneHead({ armatureUnitsPerMetre: 100 })));
  assert.deepEqual(cm.slots.names, ref.slots.names);
  assert.ok(maxDiff(pose(cm, all), expected) < 0.01, `${maxDiff(pose(cm, all), expected)} mm`);
  assert.ok(maxDiff(pose(cm), pose(ref)) < 0.01);

  // a file written in centimetres with no scale (not glTF-conforming): read literally it is 100× too big…
  const bytes = writeGlb(boneHead({ fileUnitsPerMetre: 100 }));
  const literal = await loadRig(bytes);
  assert.ok(Math.abs(Math.max(...pose(literal).filter((_, k) => k % 3 === 1)) - 169000) < 1, 'read as metres');
  // …and mmPerUnit: 10 reads it right, controls included
  const fixed = await loadRig(bytes, { mmPerUnit: 10 });
  assert.ok(maxDiff(pose(fixed, all), expected) < 0.01, `${maxDiff(pose(fixed, all), expected)} mm`);
  await assert.rejects(loadRig(bytes, { mmPerUnit: 0 }), { code: 'E_BAD_OPTION', path: 'mmPerUnit' });
  for (const r of [ref, cm, literal, fixed]) r.dispose();
});

test('several bones of one role and side are driven by one param', async () => {
  const doc = boneHead();
  const renamed: GlbDocument = { ...doc, nodes: doc.nodes.map((n) => (n.name === 'eyelid_upper_R' ? { ...n, name: 'LeftEyelidUpper.001' } : n)) };
  const rig = await loadRig(writeGlb(renamed));
  assert.ok(!rig.slots.names.includes('eyelid_close_R'));
  assert.deepEqual(rig.definition.drivers.filter((d) => d.param === 'eyelid_close_L').map((d) => 'bone' in d && d.bone), ['LeftEyelidUpper', 'LeftEyelidUpper.001']);
  const n = pose(rig), c = pose(rig, { eyelid_close_L: 1 });
  for (const bone of ['LeftEyelidUpper', 'eyelid_upper_R']) {
    assert.ok(moves(doc, n, c, bone).own.every((d) => d[1] < -0.5), `${bone} follows eyelid_close_L`);
  }
  rig.dispose();
});
