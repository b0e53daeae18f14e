/**
 * Facial bones recognised by name in glTF rigs, each with the control aurig derives for it. At full
 * value (1) the bone turns by `rotate` (a rotation vector: axis × angle in radians, about the bone's
 * own origin) or moves by `translate` (millimetres), both in world axes: +x the character's left,
 * +y up, +z out of the face (glTF's frame for a character facing the viewer). `translate.x` is
 * mirrored for right-side bones. `pattern` matches the bone name (case-insensitive); the side
 * comes from L/R/Left/Right markers.
 */
export const FACIAL_BONE_ROLES = {
  jaw: { pattern: /jaw|chin|mandible/i, param: 'jaw_open', au: 'AU26', rotate: [0.35, 0, 0] },
  eyelidUpper: { pattern: /(upper|up|top).*(lid)|lid.*(upper|up|top)/i, param: 'eyelid_close', au: 'AU43', rotate: [0.5, 0, 0] },
  eyelidLower: { pattern: /(lower|low|bot).*(lid)|lid.*(lower|low|bot)/i, param: 'eyelid_lower_raise', au: 'AU07', rotate: [-0.2, 0, 0] },
  browInner: { pattern: /brow.*inner|inner.*brow/i, param: 'brow_inner_raise', au: 'AU01', translate: [0, 6, 0] },
  brow: { pattern: /brow/i, param: 'brow_raise', au: 'AU02', translate: [0, 6, 0] },
  lipCorner: { pattern: /(lip|mouth).*corner|corner.*(lip|mouth)/i, param: 'lip_corner_pull', au: 'AU12', translate: [4, 4, -2] },
} as const;

export type FacialBoneRole = keyof typeof FACIAL_BONE_ROLES;

/** Roles in the order they are tried: the more specific first (lower lid before upper, inner brow before brow). */
const ORDER: readonly FacialBoneRole[] = ['eyelidLower', 'eyelidUpper', 'lipCorner', 'browInner', 'brow', 'jaw'];

/** The role and side (the character's own) of a bone name, or undefined. */
export function facialBoneRole(name: string): { role: FacialBoneRole; side: 'left' | 'right' | 'both' } | undefined {
  const role = ORDER.find((r) => FACIAL_BONE_ROLES[r].pattern.test(name));
  if (!role) return undefined;
  const words = name.replace(/([a-z])([A-Z])/g, '$1_$2');
  const side = /(^|[^a-z])(l|left)([^a-z]|$)|left/i.test(words) ? 'left'
    : /(^|[^a-z])(r|right)([^a-z]|$)|right/i.test(words) ? 'right' : 'both';
  return { role, side };
}
