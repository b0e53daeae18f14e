/**
 * The facial-part landmark groups of AUFART Table 1 (Kim et al.), in the two index sets aurig
 * uses: the 468-point MediaPipe face mesh and the 68-point iBUG set.
 *
 * AUFART numbers 105 MediaPipe points (its Fig. 2a: brows 0–19, eyes 20–51, nose 52–64, mouth
 * 65–104) without listing their mesh indices; aurig rebuilds the same sets from MediaPipe's
 * named contours with the same counts: brows 20 (inner 12, outer 8), eyes 32 (lower lids 18,
 * upper lids 14), nose 13, mouth 40 (upper mouth 22, mouth corners 22). Subject's left = MediaPipe
 * "left". The 68-point sets are the nearest equivalents on the iBUG layout.
 */
export const LANDMARK_GROUPS_468 = {
  brow: [70, 63, 105, 66, 107, 46, 53, 52, 65, 55, 300, 293, 334, 296, 336, 276, 283, 282, 295, 285],
  innerBrow: [105, 66, 107, 52, 65, 55, 334, 296, 336, 282, 295, 285],
  outerBrow: [70, 63, 46, 53, 300, 293, 276, 283],
  eye: [
    246, 161, 160, 159, 158, 157, 173, 33, 7, 163, 144, 145, 153, 154, 155, 133,
    466, 388, 387, 386, 385, 384, 398, 263, 249, 390, 373, 374, 380, 381, 382, 362,
  ],
  lowerEye: [33, 7, 163, 144, 145, 153, 154, 155, 133, 263, 249, 390, 373, 374, 380, 381, 382, 362],
  upperEye: [246, 161, 160, 159, 158, 157, 173, 466, 388, 387, 386, 385, 384, 398],
  nose: [168, 6, 197, 195, 5, 4, 1, 2, 98, 97, 326, 327, 19],
  mouth: [
    61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 146, 91, 181, 84, 17, 314, 405, 321, 375,
    78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 95, 88, 178, 87, 14, 317, 402, 318, 324,
  ],
  upperMouth: [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308],
  mouthCorner: [61, 291, 78, 308, 185, 40, 270, 409, 146, 91, 321, 375, 191, 80, 310, 415, 95, 88, 318, 324, 39, 269],
} as const;

/** The same groups on the 68-point iBUG set (0-based). */
export const LANDMARK_GROUPS_68 = {
  brow: [17, 18, 19, 20, 21, 22, 23, 24, 25, 26],
  innerBrow: [19, 20, 21, 22, 23, 24],
  outerBrow: [17, 18, 25, 26],
  eye: [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47],
  lowerEye: [36, 39, 40, 41, 42, 45, 46, 47],
  upperEye: [37, 38, 43, 44],
  nose: [27, 28, 29, 30, 31, 32, 33, 34, 35],
  mouth: [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67],
  upperMouth: [48, 49, 50, 51, 52, 53, 54, 60, 61, 62, 63, 64],
  mouthCorner: [48, 49, 53, 54, 55, 59, 60, 64],
} as const;

/** A facial part of AUFART Table 1. */
export type LandmarkGroupName = keyof typeof LANDMARK_GROUPS_468;
