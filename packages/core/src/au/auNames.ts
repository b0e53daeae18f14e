/**
 * FACS action units that aurig models. Sided AUs (FACS allows one-sided action) have a left and a
 * right expression component in the default face model (`AU12_L`, `AU12_R`, subject's left/right);
 * the others one bilateral component.
 */
export const SIDED_AUS = ['AU01', 'AU02', 'AU04', 'AU05', 'AU06', 'AU07', 'AU09', 'AU10', 'AU12', 'AU14', 'AU15', 'AU20', 'AU45'] as const;
export const BILATERAL_AUS = ['AU16', 'AU17', 'AU18', 'AU23', 'AU24', 'AU25', 'AU26', 'AU27', 'AU28'] as const;

export type SidedAuName = (typeof SIDED_AUS)[number];
export type BilateralAuName = (typeof BILATERAL_AUS)[number];
/** A FACS AU name as aurig spells it: `AU01`, `AU02`, `AU04`, … `AU45`. */
export type AuName = SidedAuName | BilateralAuName;
/** The name of one expression component ψ_k of the default face model. */
export type AuParamName = `${SidedAuName}_L` | `${SidedAuName}_R` | BilateralAuName;

/** Every AU aurig models, in FACS number order. */
export const AU_NAMES: readonly AuName[] = [...SIDED_AUS, ...BILATERAL_AUS].sort() as AuName[];

/** The ψ components of the default face model in order: AU number order, left before right. */
export const AU_PARAM_NAMES: readonly AuParamName[] = AU_NAMES.flatMap((au): AuParamName[] =>
  (SIDED_AUS as readonly string[]).includes(au) ? [`${au as SidedAuName}_L`, `${au as SidedAuName}_R`] : [au as BilateralAuName],
);

/** The AU a ψ component belongs to (`AU12_L` → `AU12`). */
export function auOfParam(name: AuParamName): AuName {
  return name.slice(0, 4) as AuName;
}
