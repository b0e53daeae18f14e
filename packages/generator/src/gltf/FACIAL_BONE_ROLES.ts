/**
 * Facial bones recognised by name in glTF rigs, each with the control aurig derives for it:
 * a rotation (radians about a world axis) or translation (millimetres along a world axis) at full value.
 * `pattern` matches the bone name (case-insensitive); the side comes from L/R/Left/Right markers.
 */
export const FACIAL_BONE_ROLES = {
  jaw: { pattern: /jaw|chin|mandible/i, param: 'jaw_open', au: 'AU26', rotate: [0.35, 0, 0] },
  eyelidUpper: { pattern: /(upper|up|top).*(lid)|lid.*(upper|up|top)/i, param: 'eyelid_close', au: 'AU43', rotate: [0.5, 0, 0] },
  eyelidLower: { pattern: /(lower|low|bot).*(lid)|lid.*(lower|low|bot)/i, param: 'eyelid_lower_raise', au: 'AU07', rotate: [-0.2, 0, 0] },
  brow: { pattern: /brow/i, param: 'brow_raise', au: 'AU02', translate: [0, 6, 0] },
  lipCorner: { pattern: /(lip|mouth).*corner|corner.*(lip|mouth)/i, param: 'lip_corner_pull', au: 'AU12', translate: [4, 4, -2] },
} as const;

export type FacialBoneRole = keyof typeof FACIAL_BONE_ROLES;

/** The role and side (subject's own) of a bone name, or undefined. Lower lids are tested before upper ones. */
export function facialBoneRole(name: string): { role: FacialBoneRole; side: 'left' | 'right' | 'both' } | undefined {
  const order: FacialBoneRole[] = ['eyelidLower', 'eyelidUpper', 'lipCorner', 'brow', 'jaw'];
  const role = order.find((r) => FACIAL_BONE_ROLES[r].pattern.test(name));
  if (!role) return undefined;
  const side = /(^|[^a-z])(l|left)([^a-z]|$)|left/i.test(name.replace(/([a-z])([A-Z])/g, '$1_$2')) ? 'left'
    : /(^|[^a-z])(r|right)([^a-z]|$)|right/i.test(name.replace(/([a-z])([A-Z])/g, '$1_$2')) ? 'right' : 'both';
  return { role, side };
}
