/** World transforms of a joint chain, float64 on the host (the same as `lbs`'s tensor version, DECA `batch_rigid_transform`). */
export interface ChainTransforms {
  /** J×9 world rotations G_j (row-major). */
  readonly rotation: Float64Array;
  /** J×3 world joint positions (the translation of G_j). */
  readonly joints: Float64Array;
  /** J×3 translations of A_j = G_j · [I | −J_j], the skinning transform of the rest pose. */
  readonly skin: Float64Array;
}

/**
 * G_j = G_parent · [R_j | J_j − J_parent] down the tree (`parents[j] < 0` for the root), from J local rotations
 * `R` (J×9) about rest joints `Jp` (J×3); parents come before their children, as in FLAME's kinematic tree.
 */
export function chainTransforms(parents: ArrayLike<number>, R: Float64Array, Jp: Float64Array, J: number): ChainTransforms {
  const GR = new Float64Array(J * 9), Gt = new Float64Array(J * 3), At = new Float64Array(J * 3);
  for (let j = 0; j < J; j++) {
    const par = parents[j];
    if (par < 0) {
      GR.set(R.subarray(9 * j, 9 * j + 9), 9 * j);
      Gt.set(Jp.subarray(3 * j, 3 * j + 3), 3 * j);
    } else {
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let k = 0; k < 3; k++) s += GR[9 * par + 3 * r + k] * R[9 * j + 3 * k + c];
          GR[9 * j + 3 * r + c] = s;
        }
        let t = Gt[3 * par + r];
        for (let k = 0; k < 3; k++) t += GR[9 * par + 3 * r + k] * (Jp[3 * j + k] - Jp[3 * par + k]);
        Gt[3 * j + r] = t;
      }
    }
    for (let r = 0; r < 3; r++) {
      let t = Gt[3 * j + r];
      for (let k = 0; k < 3; k++) t -= GR[9 * j + 3 * r + k] * Jp[3 * j + k];
      At[3 * j + r] = t;
    }
  }
  return { rotation: GR, joints: Gt, skin: At };
}
