// Face detection speed: aurig's detector against @vladmandic/human called directly with the same models
// (blazeface, facemesh, iris) and settings, on one 640×480 frame and on tracked video frames (wasm backend).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { createFaceDetector, initBackend, wasmDir } from '@aurig/core';
import type { SectionResult } from '../lib/sections.ts';

export const name = 'detect';

const require = createRequire(import.meta.url);
const EVAL = path.resolve(import.meta.dirname, '../..', '../shared/eval');
const RUNS = 40;
const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };

/** 640×480 RGB frames of single_face.mp4 (letterboxed), streamed from ffmpeg. */
async function videoFrames(max: number): Promise<Uint8Array[]> {
  const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  const p = spawn(ffmpeg, ['-v', 'error', '-i', path.join(EVAL, 'video/single_face.mp4'), '-vf', 'scale=640:-2,pad=640:480:0:(oh-ih)/2', '-frames:v', String(max), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const size = 640 * 480 * 3;
  const out: Uint8Array[] = [];
  let buf = Buffer.alloc(0);
  for await (const c of p.stdout) {
    buf = Buffer.concat([buf, c as Buffer]);
    while (buf.length >= size) { out.push(new Uint8Array(buf.subarray(0, size))); buf = buf.subarray(size); }
  }
  return out;
}

/** Human (node-wasm build) on tfjs's shared engine, its models read from disk through a file:// load router. */
async function loadHuman(modelDir: string) {
  // a router answers null for URLs it does not handle (tfjs skips it then), which IORouter's type does not say
  tf.io.registerLoadRouter(((url: string | string[]): tf.io.IOHandler | null => {
    const u = Array.isArray(url) ? url[0] : url;
    if (typeof u !== 'string' || !u.startsWith('file://')) return null;
    const file = new URL(u).pathname;
    return {
      load: async () => tf.io.getModelArtifactsForJSON(JSON.parse(fs.readFileSync(file, 'utf8')) as tf.io.ModelJSON, async (manifest) => {
        const specs = manifest.flatMap((g) => g.weights);
        const all = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(path.dirname(file), p)))));
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
      }),
    };
  }) as Parameters<typeof tf.io.registerLoadRouter>[0]);
  const { Human } = require(path.join(path.dirname(require.resolve('@vladmandic/human')), 'human.node-wasm.js')) as { Human: new (c: unknown) => { load(): Promise<void>; detect(t: tf.Tensor, c?: unknown): Promise<{ face: unknown[] }> } };
  const off = { enabled: false };
  const human = new Human({
    backend: 'wasm', wasmPath: wasmDir(), modelBasePath: `file://${modelDir}/`, cacheSensitivity: 0, debug: false,
    face: { enabled: true, detector: { rotation: true, maxDetected: 10, minConfidence: 0.5, return: false, skipFrames: 0, skipTime: 0 }, mesh: { enabled: true }, iris: { enabled: true }, emotion: off, description: off, antispoof: off, liveness: off, attention: off },
    body: off, hand: off, object: off, gesture: off, segmentation: off, filter: off,
  });
  await human.load();
  return human;
}

export async function run(): Promise<SectionResult> {
  const backend = await initBackend();
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
  const detector = await createFaceDetector();
  // The same work as Human (one mesh pass, no mirror pair): isolates aurig's own overhead from its extra accuracy passes.
  const lean = await createFaceDetector({ mirror: false, refineIterations: 0 });
  const human = await loadHuman(modelDir);
  const { data } = await sharp(path.join(EVAL, 'images/single_face.jpg')).resize(640, 480, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const frame = { width: 640, height: 480, data: new Uint8Array(data) };
  // Human gets its float32 tensor made the way aurig makes its own (one Float32Array pass), so neither pays more for the conversion.
  const asTensor = (d: Uint8Array) => tf.tensor4d(Float32Array.from(d), [1, 480, 640, 3]);

  // One image: aurig.detect(raw RGB) vs human.detect(tensor made from the same RGB), interleaved.
  const aurigMs: number[] = []; const humanMs: number[] = []; const leanMs: number[] = [];
  let aurigFaces = 0; let humanFaces = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    let t0 = performance.now();
    aurigFaces = (await detector.detect(frame)).length;
    const a = performance.now() - t0;
    t0 = performance.now();
    const t = asTensor(frame.data);
    humanFaces = (await human.detect(t)).face.length;
    t.dispose();
    const h = performance.now() - t0;
    t0 = performance.now();
    await lean.detect(frame);
    const l = performance.now() - t0;
    if (i >= 3) { aurigMs.push(a); humanMs.push(h); leanMs.push(l); }
  }

  // Tracked video: aurig's detectVideo (detector every 30 frames) vs Human with its own box cache (skipFrames 29).
  const frames = await videoFrames(90);
  const trackMs: number[] = []; const humanTrackMs: number[] = [];
  let last = performance.now();
  let detectedFrames = 0;
  for await (const fr of detector.detectVideo(frames.map((d, index) => ({ index, timestampMs: index * 33.3, width: 640, height: 480, data: d })))) {
    const now = performance.now();
    if (!fr.detected) trackMs.push(now - last); else detectedFrames++;
    last = performance.now();
  }
  const skip = { face: { detector: { skipFrames: 29, skipTime: 1e9 } }, cacheSensitivity: 0.7 };
  for (let i = 0; i < frames.length; i++) {
    const t0 = performance.now();
    const t = asTensor(frames[i]!);
    await human.detect(t, skip);
    t.dispose();
    if (i % 30 !== 0) humanTrackMs.push(performance.now() - t0);
  }
  detector.dispose();
  lean.dispose();
  const a = median(aurigMs); const h = median(humanMs); const l = median(leanMs);
  const ta = median(trackMs); const th = median(humanTrackMs);
  return {
    figures: {
      detect_640x480_ms: { value: a, unit: 'ms', target: '<= 30' },
      tracked_frame_ms: { value: ta, unit: 'ms', target: '<= 15' },
      detect_ratio_to_human: { value: a / h, unit: 'x', target: '<= 1.1' },
      tracked_ratio_to_human: { value: ta / th, unit: 'x' },
      lean_detect_ms: { value: l, unit: 'ms', target: '<= 30' },
      lean_ratio_to_human: { value: l / h, unit: 'x', target: '<= 1.1' },
    },
    details: {
      backend, runs: RUNS, human_detect_ms: h, human_tracked_ms: th, aurig_faces: aurigFaces, human_faces: humanFaces,
      video_frames: frames.length, frames_with_detector: detectedFrames,
      note: 'default (mirror auto): aurig runs detector + one mesh pass + iris for this large frontal face (small or turned faces add the mirrored crop and refits; doubtful meshes, e.g. tilted, small, or with the detector keypoints or iris eyelids off the mesh, add the detector on the mesh crop as a second opinion); Human runs detector + mesh + iris once. Tracked: aurig fits the mesh on the crop from the previous mesh (no detector), Human re-uses its cached box.',
    },
  };
}
