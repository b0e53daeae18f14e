import { AU_NAMES, type AuName } from '../au/auNames.ts';
import type { DetectedFace } from '../detect/types.ts';
import type { AufartRegressor } from '../aufart/AufartRegressor.ts';
import type { FaceParams, Gaze } from './FaceParams.ts';
import type { EmotionName } from '../au/emotionPrototypes.ts';
import { appearanceAuEvidence, fuseAuReadings, AU_PRIOR } from '../appearance/appearanceAus.ts';
import { averageEmotions } from '../appearance/appearanceClassifier.ts';
import { DEFAULT_ANALYZER_OPTIONS } from './DEFAULT_ANALYZER_OPTIONS.ts';

/** Outer and inner eye corners of the 468-point mesh: subject's right eye, then left. */
const RIGHT_EYE = [33, 133] as const;
const LEFT_EYE = [263, 362] as const;
/** Upper and lower lid midpoints (right, left). */
const RIGHT_LIDS = [159, 145] as const;
const LEFT_LIDS = [386, 374] as const;
/** Eyeball radius over eye half-width (≈ 12 mm / 15 mm): turns the iris offset into an angle. */
const EYEBALL_OVER_HALF_WIDTH = 0.8;
/** Confidence of a face whose analysis is withheld. */
const WITHHELD_CONFIDENCE = 0.05;

type Limits = { minEyeDistance: number; maxYaw: number; maxPitch: number; maxResidual: number };

const finite = (v: number) => (Number.isFinite(v) ? v : 0);
const clamp01 = (v: number | undefined) => Math.min(1, Math.max(0, finite(v ?? 0)));

function eyeGaze(lm: Float32Array, iris: { x: number; y: number }, corners: readonly number[], lids: readonly number[]): Gaze {
  const ax = lm[corners[0] * 3], ay = lm[corners[0] * 3 + 1], bx = lm[corners[1] * 3], by = lm[corners[1] * 3 + 1];
  const cx = (ax + bx) / 2, cy = (lm[lids[0] * 3 + 1] + lm[lids[1] * 3 + 1]) / 2 || (ay + by) / 2;
  const half = Math.hypot(bx - ax, by - ay) / 2 || 1;
  // Offsets along the eye axis (image x → subject's left is image right for a frontal face).
  const ux = (bx - ax) / (2 * half), uy = (by - ay) / (2 * half);
  const dx = iris.x - cx, dy = iris.y - cy;
  const along = (dx * ux + dy * uy) / half, across = (-dx * uy + dy * ux) / half;
  const clampAsin = (v: number) => Math.asin(Math.max(-1, Math.min(1, v * EYEBALL_OVER_HALF_WIDTH)));
  // For the right eye the corners run outer → inner = image left → right; for the left eye outer → inner = right → left.
  const sign = corners[0] === RIGHT_EYE[0] ? 1 : -1;
  return { yaw: clampAsin(along * sign), pitch: -clampAsin(across) };
}

/** Gaze from the iris centres and eye corners (mean of both eyes), relative to the head. */
export function gazeFromIris(face: DetectedFace): Gaze {
  if (!face.iris) return { yaw: 0, pitch: 0 };
  const r = eyeGaze(face.landmarks, face.iris.right, RIGHT_EYE, RIGHT_LIDS);
  const l = eyeGaze(face.landmarks, face.iris.left, LEFT_EYE, LEFT_LIDS);
  return { yaw: finite((r.yaw + l.yaw) / 2), pitch: finite((r.pitch + l.pitch) / 2) };
}

function zeroAus(): Record<AuName, number> {
  return Object.fromEntries(AU_NAMES.map((a) => [a, 0])) as Record<AuName, number>;
}

/**
 * One detected face → FaceParams through the AUFART regressor. A face too small, too turned, or whose
 * landmarks do not fit a face gets a low confidence, a reason, and zero AUs instead of a guess. `appearance`, when
 * given, classifies the face's appearance (run only for faces that are analysed); its evidence raises or lowers the AUs.
 */
export function faceParamsFromDetection(face: DetectedFace, regressor: AufartRegressor, limits: Limits = DEFAULT_ANALYZER_OPTIONS, appearance?: (face: DetectedFace) => readonly Record<EmotionName, number>[]): FaceParams {
  const p = regressor.predict(face.landmarks);
  const lm = face.landmarks;
  const eyeDist = Math.hypot(lm[RIGHT_EYE[0] * 3] - lm[LEFT_EYE[0] * 3], lm[RIGHT_EYE[0] * 3 + 1] - lm[LEFT_EYE[0] * 3 + 1]);
  const reasons: string[] = [];
  if (!(eyeDist >= limits.minEyeDistance)) reasons.push(`face too small: ${eyeDist.toFixed(0)} px between the outer eye corners, need ≥ ${limits.minEyeDistance}; use a larger image or a closer crop`);
  if (Math.abs(p.headPose.yaw) > limits.maxYaw) reasons.push(`face turned too far: yaw ${((p.headPose.yaw * 180) / Math.PI).toFixed(0)}°, limit ±${((limits.maxYaw * 180) / Math.PI).toFixed(0)}°`);
  if (Math.abs(p.headPose.pitch) > limits.maxPitch) reasons.push(`face tilted too far: pitch ${((p.headPose.pitch * 180) / Math.PI).toFixed(0)}°, limit ±${((limits.maxPitch * 180) / Math.PI).toFixed(0)}°`);
  if (!(p.aligned.residual <= limits.maxResidual)) reasons.push(`landmarks do not fit a face (residual ${Number.isFinite(p.aligned.residual) ? p.aligned.residual.toFixed(1) : '∞'} mm > ${limits.maxResidual})`);
  const gaze = gazeFromIris(face);
  const pose = Float32Array.from(p.pose);
  // θ eyes from the gaze: right-hand rotations about +y (yaw) and −x (pitch up).
  for (const o of [9, 12]) { pose[o] = -gaze.pitch; pose[o + 1] = gaze.yaw; pose[o + 2] = 0; }
  const withheld = reasons.length > 0;
  const readings = !withheld && appearance ? appearance(face) : null;
  const evidence = readings?.map(appearanceAuEvidence) ?? [];
  const aus = zeroAus(), auPresence = zeroAus();
  const appearanceAus = evidence.length ? zeroAus() : null;
  if (!withheld) {
    for (const a of AU_NAMES) {
      const g = clamp01(p.aus[a]), gp = clamp01(p.auPresence[a]);
      if (!appearanceAus) { aus[a] = g; auPresence[a] = gp; continue; }
      const e = evidence.map((r) => r[a]);
      aus[a] = fuseAuReadings(g, ...e);
      auPresence[a] = fuseAuReadings(gp, ...e);
      appearanceAus[a] = fuseAuReadings(AU_PRIOR, ...e);
    }
  }
  const fit = Math.exp(-Math.max(0, p.aligned.residual - 2) / 4);
  const turn = Math.max(0, 1 - Math.abs(p.headPose.yaw) / limits.maxYaw) ** 0.5;
  const confidence = withheld ? WITHHELD_CONFIDENCE * finite(face.score) : finite(face.score) * fit * (0.5 + 0.5 * turn);
  return {
    box: face.box,
    landmarks: face.landmarks,
    aus, auPresence, appearanceAus,
    emotions: readings?.length ? averageEmotions(readings) : null,
    headPose: p.headPose,
    gaze,
    flame: { shape: p.shape, expression: withheld ? new Float32Array(p.expression.length) : p.expression, pose, camera: p.camera },
    confidence: Math.max(0, Math.min(1, confidence)),
    reason: reasons.join('; '),
  };
}
