import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createFaceDetector, type FaceDetector } from '@aurig/core';

const EVAL = path.resolve(import.meta.dirname, '../../..', '../shared/eval/video');
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const detector: FaceDetector = await createFaceDetector();
after(() => detector.dispose());

/** RGB frames of a video at `width` px wide and `fps`, streamed from ffmpeg (independent of core's decoder). */
async function* frames(file: string, width: number, fps: number) {
  const probe = spawn(ffmpeg, ['-v', 'error', '-i', file, '-vf', `fps=${fps},scale=${width}:-2`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  let first = 0;
  for await (const c of probe.stdout) first += (c as Buffer).length;
  const height = first / 3 / width;
  const p = spawn(ffmpeg, ['-v', 'error', '-i', file, '-vf', `fps=${fps},scale=${width}:-2`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const size = width * height * 3;
  let buf = Buffer.alloc(0);
  let index = 0;
  for await (const chunk of p.stdout) {
    buf = Buffer.concat([buf, chunk as Buffer]);
    while (buf.length >= size) {
      yield { index, timestampMs: (index * 1000) / fps, width, height, data: new Uint8Array(buf.subarray(0, size)) };
      buf = buf.subarray(size);
      index++;
    }
  }
}

test('no_face.mp4: no face in any frame', async () => {
  let n = 0;
  for await (const fr of detector.detectVideo(frames(path.join(EVAL, 'no_face.mp4'), 480, 6))) {
    n++;
    assert.equal(fr.faces.length, 0, `frame ${fr.index}`);
  }
  assert.ok(n >= 20);
});

test('single_face.mp4: one face in every frame, the detector on few frames, tracked meshes agree with fresh detection', async () => {
  const list = [];
  for await (const fr of detector.detectVideo(frames(path.join(EVAL, 'single_face.mp4'), 640, 30), { redetectEvery: 30 })) list.push(fr);
  assert.ok(list.length >= 70);
  assert.ok(list.every((f) => f.faces.length === 1), 'one face per frame');
  const detected = list.filter((f) => f.detected).length;
  assert.ok(detected <= Math.ceil(list.length / 30) + 1, `detector ran on ${detected} of ${list.length} frames`);
  // A tracked frame against the detector on the same frame (the last one).
  const last = list[list.length - 1]!;
  let lastFrame;
  for await (const fr of frames(path.join(EVAL, 'single_face.mp4'), 640, 30)) lastFrame = fr;
  const [fresh] = await detector.detect({ width: lastFrame!.width, height: lastFrame!.height, data: lastFrame!.data });
  const tracked = last.faces[0]!;
  const lm = fresh!.landmarks;
  const eyes = Math.hypot(lm[33 * 3]! - lm[263 * 3]!, lm[33 * 3 + 1]! - lm[263 * 3 + 1]!);
  let err = 0;
  for (let i = 0; i < 468; i++) err += Math.hypot(tracked.landmarks[i * 3]! - lm[i * 3]!, tracked.landmarks[i * 3 + 1]! - lm[i * 3 + 1]!) / 468;
  assert.ok(err / eyes < 0.05, `tracked vs fresh mean error ${(err / eyes).toFixed(3)} of the eye distance`);
});

test('face_noface.mov: faces only in part of the clip, and none in the rest', async () => {
  const counts: number[] = [];
  for await (const fr of detector.detectVideo(frames(path.join(EVAL, 'face_noface.mov'), 480, 5))) counts.push(fr.faces.length);
  const withFace = counts.filter((c) => c > 0).length;
  assert.ok(counts.every((c) => c <= 1), `at most one face: ${counts.join('')}`);
  assert.ok(withFace >= 5 && counts.length - withFace >= 5, `face in ${withFace} of ${counts.length} frames: ${counts.join('')}`);
});
