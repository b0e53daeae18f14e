import type { ConfiguralFeatureName } from './catalogue.ts';

/**
 * AUFART Table 2 (after Perveen & Mohan): each configural feature c_i = ‖mean(p_A) − mean(p_B)‖
 * over 0-based iBUG-68 landmarks. Reading notes: the extracted Table 2 prints "(p19 − p20)/2" for
 * what is the midpoint (p19 + p20)/2, and lists c1 and c4 for the inner brow raiser without c2, c3;
 * aurig takes c2 = ‖p22 − p42‖ and c3 = ‖p17 − p36‖, the mirror and outer-brow counterparts of c1
 * and c4 (brow end to eye corner).
 */
export const CONFIGURAL_FEATURES: readonly { readonly name: ConfiguralFeatureName; readonly a: readonly number[]; readonly b: readonly number[] }[] = [
  { name: 'c1', a: [21], b: [39] },
  { name: 'c2', a: [22], b: [42] },
  { name: 'c3', a: [17], b: [36] },
  { name: 'c4', a: [26], b: [45] },
  { name: 'c5', a: [19, 20], b: [37, 38] },
  { name: 'c6', a: [23, 24], b: [43, 44] },
  { name: 'c7', a: [21], b: [22] },
  { name: 'c8', a: [37, 38], b: [40, 41] },
  { name: 'c9', a: [43, 44], b: [46, 47] },
  { name: 'c10', a: [27], b: [29] },
  { name: 'c11', a: [60], b: [65] },
  { name: 'c12', a: [62], b: [63] },
  { name: 'c13', a: [32], b: [50] },
  { name: 'c14', a: [33], b: [51] },
  { name: 'c15', a: [34], b: [52] },
  { name: 'c16', a: [41], b: [48] },
  { name: 'c17', a: [46], b: [54] },
  { name: 'c18', a: [48], b: [54] },
  { name: 'c19', a: [39, 40, 41], b: [48] },
  { name: 'c20', a: [42, 47, 46], b: [54] },
  { name: 'c21', a: [51], b: [57] },
  { name: 'c22', a: [50], b: [58] },
  { name: 'c23', a: [52], b: [56] },
];
