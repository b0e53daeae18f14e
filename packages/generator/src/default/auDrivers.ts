import type { RigDriverDef } from '../rig/RigDefinition.ts';

type V3 = [number, number, number];
const t = (param: string, bone: string, translation: V3): RigDriverDef => ({ param, bone, translation });
const r = (param: string, bone: string, rotation: V3): RigDriverDef => ({ param, bone, rotation });
/** The same offset on both sides, x mirrored for the right. */
const both = (param: string, bone: string, v: V3): RigDriverDef[] => [t(param, `${bone}_L`, v), t(param, `${bone}_R`, [-v[0], v[1], v[2]])];
const bothR = (param: string, bone: string, v: V3): RigDriverDef[] => [r(param, `${bone}_L`, v), r(param, `${bone}_R`, [v[0], -v[1], -v[2]])];

/**
 * What each AU does to the bones at full value (millimetres in the parent's frame, radians):
 * the "offsets baked to AU parameters" of seed 003. Left is +x.
 */
export function auDrivers(): RigDriverDef[] {
  return [
    t('AU01_L', 'brow_inner_L', [0, 9, 1]), t('AU01_L', 'brow_outer_L', [0, 2, 0]),
    t('AU01_R', 'brow_inner_R', [0, 9, 1]), t('AU01_R', 'brow_outer_R', [0, 2, 0]),
    t('AU02_L', 'brow_outer_L', [0, 9, 0]), t('AU02_L', 'brow_inner_L', [0, 1.5, 0]),
    t('AU02_R', 'brow_outer_R', [0, 9, 0]), t('AU02_R', 'brow_inner_R', [0, 1.5, 0]),
    ...both('AU04', 'brow_inner', [-4, -5, 1]), ...both('AU04', 'brow_outer', [0, -2.5, 0]),
    ...bothR('AU05', 'eyelid_upper', [-0.3, 0, 0]),
    ...both('AU06', 'cheek', [0, 4, 1.5]), ...bothR('AU06', 'eyelid_lower', [-0.2, 0, 0]),
    ...bothR('AU07', 'eyelid_lower', [-0.35, 0, 0]), ...bothR('AU07', 'eyelid_upper', [0.12, 0, 0]),
    ...both('AU09', 'nostril', [0, 3, 0]), t('AU09', 'nose_tip', [0, 1, 0]), t('AU09', 'lip_upper', [0, 2, 0]), ...both('AU09', 'brow_inner', [-1, -2.5, 0]),
    t('AU10', 'lip_upper', [0, 4.5, 1.5]), ...both('AU10', 'nostril', [0, 1.5, 0]),
    t('AU12_L', 'lip_corner_L', [6, 6, -3]), t('AU12_L', 'cheek_L', [0, 2.5, 0.5]),
    t('AU12_R', 'lip_corner_R', [-6, 6, -3]), t('AU12_R', 'cheek_R', [0, 2.5, 0.5]),
    ...both('AU14', 'lip_corner', [2.5, 0.5, -4]),
    ...both('AU15', 'lip_corner', [1, -6, 0]),
    t('AU17', 'chin', [0, 4, 2]), t('AU17', 'lip_lower', [0, 2.5, 2]),
    ...both('AU18', 'lip_corner', [-7, 0, 3]), t('AU18', 'lip_upper', [0, 0, 5]), t('AU18', 'lip_lower', [0, 0, 5]),
    ...both('AU20', 'lip_corner', [7, -2, -1.5]),
    ...both('AU23', 'lip_corner', [-2.5, 0, 0]), t('AU23', 'lip_upper', [0, -1, 1]), t('AU23', 'lip_lower', [0, 1, 1]),
    t('AU24', 'lip_upper', [0, -2, -1]), t('AU24', 'lip_lower', [0, 2, -1]),
    t('AU25', 'lip_upper', [0, 2.5, 0.5]), t('AU25', 'lip_lower', [0, -5, 0.5]),
    r('AU26', 'jaw', [0.3, 0, 0]),
    r('AU43_L', 'eyelid_upper_L', [0.8, 0, 0]), r('AU43_L', 'eyelid_lower_L', [-0.12, 0, 0]),
    r('AU43_R', 'eyelid_upper_R', [0.8, 0, 0]), r('AU43_R', 'eyelid_lower_R', [-0.12, 0, 0]),
  ];
}
