import type { CliCommand } from '../registry.ts';
import { isVideoPath } from '../isVideoPath.ts';
import { AurigError } from '../../errors/AurigError.ts';
import { createFaceDetector } from '../../detect/createFaceDetector.ts';
import type { DetectedFace } from '../../detect/types.ts';
import { decodeImage } from '../../image/decodeImage.ts';
import { drawOverlay } from '../../image/drawOverlay.ts';

const round = (v: number) => Math.round(v * 100) / 100;

/** A face as plain JSON (typed arrays → number arrays, 2 decimals). */
function faceJson(f: DetectedFace) {
  return {
    box: { x: round(f.box.x), y: round(f.box.y), width: round(f.box.width), height: round(f.box.height) },
    score: round(f.score),
    headPose: { yaw: round(f.headPose.yaw), pitch: round(f.headPose.pitch), roll: round(f.headPose.roll) },
    iris: f.iris && {
      left: { x: round(f.iris.left.x), y: round(f.iris.left.y), radius: round(f.iris.left.radius) },
      right: { x: round(f.iris.right.x), y: round(f.iris.right.y), radius: round(f.iris.right.radius) },
    },
    landmarks68: Array.from(f.landmarks68, round),
    landmarks: Array.from(f.landmarks, round),
  };
}

function parse(argv: string[]): { input: string; json: boolean; overlay?: string; maxFaces?: number } {
  let input: string | undefined;
  let json = false;
  let overlay: string | undefined;
  let maxFaces: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--overlay') overlay = argv[++i];
    else if (a === '--max-faces') maxFaces = Number(argv[++i]);
    else if (a.startsWith('--')) throw new AurigError('E_BAD_OPTION', `unknown option ${a}; usage: ${detect.usage}`, { value: a });
    else input = a;
  }
  if (!input) throw new AurigError('E_BAD_OPTION', `no input file; usage: ${detect.usage}`);
  if (argv.includes('--overlay') && !overlay) throw new AurigError('E_BAD_OPTION', '--overlay needs an output .png path');
  return { input, json, overlay, maxFaces };
}

/**
 * Writes to stdout until the reader goes away (`aurig detect … --json | head`): then EPIPE is swallowed and
 * `open` turns false, so the caller stops quietly instead of throwing.
 */
function stdoutWriter() {
  const state = { open: true };
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') state.open = false;
    else throw e;
  };
  process.stdout.on('error', onError);
  return {
    get open() { return state.open; },
    write(text: string) { if (state.open) process.stdout.write(text); },
    close() { process.stdout.off('error', onError); if (!state.open) process.stdout.on('error', () => {}); },
  };
}

export const detect: CliCommand = {
  name: 'detect',
  usage: 'aurig detect <image|video> [--json] [--overlay out.png] [--max-faces N]',
  summary: 'find faces with 468 landmarks, iris and head pose; --json prints them (one JSON line per frame for video), --overlay draws the mesh (for a video: on the first frame with a face)',
  async run(argv) {
    const o = parse(argv);
    const detector = await createFaceDetector(o.maxFaces ? { maxFaces: o.maxFaces } : {});
    const out = stdoutWriter();
    try {
      if (isVideoPath(o.input)) {
        let frames = 0; let withFace = 0; let overlaid = false;
        for await (const fr of detector.detectVideo(o.input)) {
          frames++;
          if (fr.faces.length > 0) withFace++;
          if (o.overlay && !overlaid && fr.faces.length > 0) {
            await drawOverlay(fr.image, fr.faces, o.overlay);
            overlaid = true;
          }
          if (o.json) out.write(JSON.stringify({ index: fr.index, timestampMs: round(fr.timestampMs), width: fr.width, height: fr.height, detected: fr.detected, faces: fr.faces.map(faceJson) }) + '\n');
          if (!out.open) return 0;
        }
        if (!o.json) out.write(`${o.input}: ${frames} frames, a face in ${withFace}\n`);
        if (o.overlay && !o.json) out.write(overlaid ? `overlay of the first frame with a face written to ${o.overlay}\n` : `no face in any frame: no overlay written\n`);
        return 0;
      }
      // decoded once: detect and the overlay see the same pixels (`detect` takes the decoded RGB as raw pixels)
      const image = await decodeImage(o.input);
      const faces = await detector.detect(image);
      if (o.json) out.write(JSON.stringify({ input: o.input, faces: faces.map(faceJson) }) + '\n');
      else {
        out.write(`${o.input}: ${faces.length} face${faces.length === 1 ? '' : 's'}\n`);
        for (const f of faces) out.write(`  box ${f.box.x.toFixed(0)},${f.box.y.toFixed(0)} ${f.box.width.toFixed(0)}×${f.box.height.toFixed(0)}  score ${f.score.toFixed(2)}  yaw ${f.headPose.yaw.toFixed(2)} pitch ${f.headPose.pitch.toFixed(2)} roll ${f.headPose.roll.toFixed(2)} rad\n`);
      }
      if (o.overlay) {
        await drawOverlay(image, faces, o.overlay);
        if (!o.json) out.write(`overlay written to ${o.overlay}\n`);
      }
      return 0;
    } finally {
      out.close();
      detector.dispose();
    }
  },
};
