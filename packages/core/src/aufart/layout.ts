/**
 * What the network's tokens are made of: which landmarks feed each AU token and each global
 * region token, and the neutral landmarks the input is aligned to. Built once from a face model
 * and its AU catalogue (`buildTokenLayout`) and stored with the weights, so that inference needs
 * neither.
 */
export interface TokenLayout {
  /** One AU token per name, FACS bilateral names (`AU01`, …), length N. */
  readonly auNames: readonly string[];
  /** Names of the expression coefficients ψ the [REG] head regresses, e.g. `AU12_L`. */
  readonly exprNames: readonly string[];
  /** Number of identity coefficients β the [REG] head regresses. */
  readonly nShape: number;
  /** Neutral landmarks of the face model (468×3, millimetres, model space: +x subject's left, +y up, +z to the viewer). */
  readonly template: Float32Array;
  /** Landmark indices gathered per AU token (N×K, row-major). */
  readonly auIndex: Int32Array;
  /** Mask weight per gathered landmark (N×K, 0 for padding). */
  readonly auWeight: Float32Array;
  /** Landmark indices gathered per global region token (G×Kg). */
  readonly regionIndex: Int32Array;
  /** Weight per gathered region landmark (G×Kg, 0 for padding). */
  readonly regionWeight: Float32Array;
  /** Landmarks that barely move with expression, used to fit head pose and scale. */
  readonly rigidIndex: Int32Array;
  /** For each ψ, the index of its AU token (−1 when none); used to tie ψ to AU intensities. */
  readonly exprAu: Int32Array;
}

/** Landmark count of the face mesh the detector returns. */
export const MESH_POINTS = 468;
