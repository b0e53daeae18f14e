/** The 23 AU controls of the default BDFM rig (seed 003 §2.2), with FACS tag and side. */
export const DEFAULT_RIG_AUS = [
  ['AU01_L', 'AU01', 'left'], ['AU01_R', 'AU01', 'right'], ['AU02_L', 'AU02', 'left'], ['AU02_R', 'AU02', 'right'],
  ['AU04', 'AU04', 'both'], ['AU05', 'AU05', 'both'], ['AU06', 'AU06', 'both'], ['AU07', 'AU07', 'both'],
  ['AU09', 'AU09', 'both'], ['AU10', 'AU10', 'both'], ['AU12_L', 'AU12', 'left'], ['AU12_R', 'AU12', 'right'],
  ['AU14', 'AU14', 'both'], ['AU15', 'AU15', 'both'], ['AU17', 'AU17', 'both'], ['AU18', 'AU18', 'both'],
  ['AU20', 'AU20', 'both'], ['AU23', 'AU23', 'both'], ['AU24', 'AU24', 'both'], ['AU25', 'AU25', 'both'],
  ['AU26', 'AU26', 'both'], ['AU43_L', 'AU43', 'left'], ['AU43_R', 'AU43', 'right'],
] as const;

/** "Base AU" of the seed: the AU value of the base face. */
export const BASE_AU = 0.02;
/** Identity value of the base face. */
export const BASE_IDENTITY = 0.5;

type Ch = 'tx' | 'ty' | 'tz' | 'rx' | 'ry' | 'rz' | 'sx' | 'sy' | 'sz';
const ALL9: Ch[] = ['tx', 'ty', 'tz', 'rx', 'ry', 'rz', 'sx', 'sy', 'sz'];
const T3S3: Ch[] = ['tx', 'ty', 'tz', 'sx', 'sy', 'sz'];

/**
 * Identity components (position, orientation, scale of facial parts): bone and channels. Paired
 * components appear once per side (`_L`, `_R`, mirrored). 63 central + 2 × 73 paired = 208.
 * The eyes turn only through identity `eye_L/R` rx/ry (placement, ±0.06 rad): the seed's 269 have
 * no gaze. Gaze controls (eye yaw/pitch, radians) would have to be params beyond the 269 — not added.
 */
export const DEFAULT_RIG_IDENTITY: readonly { readonly bone: string; readonly channels: readonly Ch[]; readonly paired?: true }[] = [
  { bone: 'jaw', channels: ALL9 }, { bone: 'chin', channels: ALL9 }, { bone: 'nose', channels: ALL9 },
  { bone: 'nose_tip', channels: ALL9 }, { bone: 'lip_upper', channels: ALL9 }, { bone: 'lip_lower', channels: ALL9 },
  { bone: 'forehead', channels: T3S3 }, { bone: 'head', channels: ['sx', 'sy'] },
  { bone: 'eye_socket', channels: ALL9, paired: true }, { bone: 'eye', channels: ['rx', 'ry'], paired: true },
  { bone: 'eyelid_upper', channels: ['rx', 'rz', 'ty'], paired: true }, { bone: 'eyelid_lower', channels: ['rx', 'ty'], paired: true },
  { bone: 'brow_inner', channels: ['tx', 'ty', 'tz', 'rz', 'sx', 'sy'], paired: true },
  { bone: 'brow_outer', channels: ['tx', 'ty', 'tz', 'rz', 'sx', 'sy'], paired: true },
  { bone: 'cheek', channels: ALL9, paired: true }, { bone: 'cheekbone', channels: ALL9, paired: true },
  { bone: 'jawline', channels: ALL9, paired: true }, { bone: 'lip_corner', channels: T3S3, paired: true },
  { bone: 'nostril', channels: T3S3, paired: true }, { bone: 'temple', channels: T3S3, paired: true },
];

/** Full-range offsets of an identity channel (value 0 → −½·gain, 1 → +½·gain): mm, rad, or scale fraction. */
export const IDENTITY_GAIN = { t: 5, r: 0.12, s: 0.22, headScale: 0.12 } as const;
