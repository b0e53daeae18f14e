/**
 * The 52 ARKit face blendshapes with the FACS action unit each one most resembles and the side
 * it acts on (ARKit's Left/Right are the subject's own). `au` is absent where no AU fits
 * (gaze directions, mouthClose, mouthLeft/Right).
 */
export const ARKIT_BLENDSHAPES = {
  browDownLeft: { au: 'AU04', side: 'left' },
  browDownRight: { au: 'AU04', side: 'right' },
  browInnerUp: { au: 'AU01', side: 'both' },
  browOuterUpLeft: { au: 'AU02', side: 'left' },
  browOuterUpRight: { au: 'AU02', side: 'right' },
  cheekPuff: { au: 'AU34', side: 'both' },
  cheekSquintLeft: { au: 'AU06', side: 'left' },
  cheekSquintRight: { au: 'AU06', side: 'right' },
  eyeBlinkLeft: { au: 'AU45', side: 'left' },
  eyeBlinkRight: { au: 'AU45', side: 'right' },
  eyeLookDownLeft: { au: 'AU64', side: 'left' },
  eyeLookDownRight: { au: 'AU64', side: 'right' },
  eyeLookInLeft: { side: 'left' },
  eyeLookInRight: { side: 'right' },
  eyeLookOutLeft: { side: 'left' },
  eyeLookOutRight: { side: 'right' },
  eyeLookUpLeft: { au: 'AU63', side: 'left' },
  eyeLookUpRight: { au: 'AU63', side: 'right' },
  eyeSquintLeft: { au: 'AU07', side: 'left' },
  eyeSquintRight: { au: 'AU07', side: 'right' },
  eyeWideLeft: { au: 'AU05', side: 'left' },
  eyeWideRight: { au: 'AU05', side: 'right' },
  jawForward: { au: 'AU29', side: 'both' },
  jawLeft: { au: 'AU30', side: 'left' },
  jawOpen: { au: 'AU26', side: 'both' },
  jawRight: { au: 'AU30', side: 'right' },
  mouthClose: { side: 'both' },
  mouthDimpleLeft: { au: 'AU14', side: 'left' },
  mouthDimpleRight: { au: 'AU14', side: 'right' },
  mouthFrownLeft: { au: 'AU15', side: 'left' },
  mouthFrownRight: { au: 'AU15', side: 'right' },
  mouthFunnel: { au: 'AU22', side: 'both' },
  mouthLeft: { side: 'left' },
  mouthLowerDownLeft: { au: 'AU16', side: 'left' },
  mouthLowerDownRight: { au: 'AU16', side: 'right' },
  mouthPressLeft: { au: 'AU24', side: 'left' },
  mouthPressRight: { au: 'AU24', side: 'right' },
  mouthPucker: { au: 'AU18', side: 'both' },
  mouthRight: { side: 'right' },
  mouthRollLower: { au: 'AU28', side: 'both' },
  mouthRollUpper: { au: 'AU28', side: 'both' },
  mouthShrugLower: { au: 'AU17', side: 'both' },
  mouthShrugUpper: { au: 'AU10', side: 'both' },
  mouthSmileLeft: { au: 'AU12', side: 'left' },
  mouthSmileRight: { au: 'AU12', side: 'right' },
  mouthStretchLeft: { au: 'AU20', side: 'left' },
  mouthStretchRight: { au: 'AU20', side: 'right' },
  mouthUpperUpLeft: { au: 'AU10', side: 'left' },
  mouthUpperUpRight: { au: 'AU10', side: 'right' },
  noseSneerLeft: { au: 'AU09', side: 'left' },
  noseSneerRight: { au: 'AU09', side: 'right' },
  tongueOut: { au: 'AU19', side: 'both' },
} as const satisfies Record<string, { au?: string; side: 'left' | 'right' | 'both' }>;

export type ArkitBlendshape = keyof typeof ARKIT_BLENDSHAPES;

/** The ARKit entry of a morph-target name, ignoring case and common prefixes (`blendShape1.`, `ARKit_`). */
export function arkitEntry(name: string): { name: ArkitBlendshape; au?: string; side: 'left' | 'right' | 'both' } | undefined {
  const bare = name.replace(/^.*[.:|]/, '').replace(/^(arkit|bs|blendshape)_?/i, '').toLowerCase();
  for (const [k, v] of Object.entries(ARKIT_BLENDSHAPES)) {
    if (k.toLowerCase() === bare || `${k.toLowerCase()}_l` === bare) return { name: k as ArkitBlendshape, ...v };
  }
  return undefined;
}
