/**
 * MediaPipe face-mesh landmark indices the default rig is built around (subject's left = +x).
 * Lip loops as in MediaPipe's annotations.
 */
export const MP_POINTS = {
  lipCornerL: 291, lipCornerR: 61, upperLipTop: 0, lowerLipBottom: 17, upperLipInner: 13, lowerLipInner: 14,
  chin: 152, chinFront: 199, noseTip: 4, noseBridge: 6, nasion: 168, nostrilL: 358, nostrilR: 129,
  browInnerL: 336, browInnerLowL: 285, browOuterL: 300, browOuterLowL: 276,
  browInnerR: 107, browInnerLowR: 55, browOuterR: 70, browOuterLowR: 46,
  forehead: 151, cheekL: 425, cheekR: 205, cheekboneL: 345, cheekboneR: 116,
  jawlineL: 397, jawlineR: 172, templeL: 389, templeR: 162,
  eyeUpperL: 386, eyeLowerL: 374, eyeUpperR: 159, eyeLowerR: 145,
} as const;

export const MP_SETS = {
  lowerLip: [146, 91, 181, 84, 17, 314, 405, 321, 375, 95, 88, 178, 87, 14, 317, 402, 318, 324, 77, 90, 180, 85, 16, 315, 404, 320, 96, 89, 179, 86, 15, 316, 403, 319],
  upperLip: [185, 40, 39, 37, 0, 267, 269, 270, 409, 191, 80, 81, 82, 13, 312, 311, 310, 415, 184, 74, 73, 72, 11, 302, 303, 304, 408, 183, 42, 41, 38, 12, 268, 271, 272, 407],
  lipCorners: [61, 291, 78, 308, 76, 306, 62, 292],
  eyeUpperL: [466, 388, 387, 386, 385, 384, 398], eyeUpper1L: [467, 260, 259, 257, 258, 286, 414],
  eyeLowerL: [263, 249, 390, 373, 374, 380, 381, 382, 362], eyeLower1L: [359, 255, 339, 254, 253, 252, 256, 341, 463],
  eyeUpperR: [246, 161, 160, 159, 158, 157, 173], eyeUpper1R: [247, 30, 29, 27, 28, 56, 190],
  eyeLowerR: [33, 7, 163, 144, 145, 153, 154, 155, 133], eyeLower1R: [130, 25, 110, 24, 23, 22, 26, 112, 243],
  /** Outer → inner. */
  browUpperL: [300, 293, 334, 296, 336], browLowerL: [276, 283, 282, 295, 285],
  browUpperR: [70, 63, 105, 66, 107], browLowerR: [46, 53, 52, 65, 55],
} as const;
