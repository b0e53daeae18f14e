import type { CliCommand } from '../registry.ts';
import { isVideoPath } from '../isVideoPath.ts';
import { AurigError } from '../../errors/AurigError.ts';
import { initBackend } from '../../backend/initBackend.ts';
import { createAnalyzer } from '../../analyze/createAnalyzer.ts';
import type { FaceParams } from '../../analyze/FaceParams.ts';
import type { AppearanceModel } from '../../appearance/appearanceClassifier.ts';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** FaceParams as plain JSON (typed arrays → number arrays, 3 decimals). */
function paramsJson(f: FaceParams, withLandmarks: boolean) {
  const rec = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]: [string, number]) => [k, r3(v)]));
  return {
    box: rec(f.box),
    confidence: r3(f.confidence),
    reason: f.reason,
    aus: rec(f.aus), auPresence: rec(f.auPresence), appearanceAus: f.appearanceAus && rec(f.appearanceAus), emotions: f.emotions && rec(f.emotions),
    headPose: rec(f.headPose), gaze: rec(f.gaze),
    flame: { shape: Array.from(f.flame.shape, r3), expression: Array.from(f.flame.expression, r3), pose: Array.from(f.flame.pose, r3), camera: rec(f.flame.camera) },
    ...(withLandmarks ? { landmarks: Array.from(f.landmarks, (v) => Math.round(v * 100) / 100) } : {}),
  };
}

function summary(f: FaceParams): string {
  const top = Object.entries(f.aus).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  const deg = (v: number) => ((v * 180) / Math.PI).toFixed(0);
  return `  confidence ${f.confidence.toFixed(2)}  yaw ${deg(f.headPose.yaw)}° pitch ${deg(f.headPose.pitch)}° roll ${deg(f.headPose.roll)}°  ${f.reason ? `(${f.reason})` : `top AUs: ${top}`}`;
}

export const analyze: CliCommand = {
  name: 'analyze',
  usage: 'aurig analyze <image|video> [--json] [--landmarks] [--model DIR] [--max-faces N] [--no-appearance | --appearance human-emotion,face-api-expression]',
  summary: 'AU intensities, head pose, gaze and FLAME parameters (AUFART) per face; --json prints FaceParams (one line per frame for video)',
  async run(argv) {
    let input: string | undefined, json = false, landmarks = false, appearance: boolean | AppearanceModel[] = true, modelDir: string | undefined, maxFaces: number | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--json') json = true;
      else if (a === '--landmarks') landmarks = true;
      else if (a === '--no-appearance') appearance = false;
      else if (a === '--appearance') appearance = (argv[++i] ?? '').split(',').filter(Boolean) as AppearanceModel[]; // checked by loadAppearanceClassifier
      else if (a === '--model') modelDir = argv[++i];
      else if (a === '--max-faces') maxFaces = Number(argv[++i]);
      else if (a.startsWith('--')) throw new AurigError('E_BAD_OPTION', `unknown option ${a}; usage: ${analyze.usage}`, { value: a });
      else input = a;
    }
    if (!input) throw new AurigError('E_BAD_OPTION', `no input file; usage: ${analyze.usage}`);
    await initBackend();
    const analyzer = await createAnalyzer({ modelDir, appearance, detector: maxFaces ? { maxFaces } : {} });
    try {
      if (isVideoPath(input)) {
        let frames = 0;
        for await (const fr of analyzer.analyzeVideo(input)) {
          frames++;
          if (json) process.stdout.write(JSON.stringify({ index: fr.index, timestampMs: r3(fr.timestampMs), faces: fr.faces.map((f) => paramsJson(f, landmarks)) }) + '\n');
          else if (fr.faces[0]) process.stdout.write(`frame ${fr.index}:${summary(fr.faces[0])}\n`);
        }
        if (!json) process.stdout.write(`${input}: ${frames} frames\n`);
        return 0;
      }
      const faces = await analyzer.analyze(input);
      if (json) process.stdout.write(JSON.stringify({ input, faces: faces.map((f) => paramsJson(f, landmarks)) }) + '\n');
      else {
        process.stdout.write(`${input}: ${faces.length} face${faces.length === 1 ? '' : 's'}\n`);
        for (const f of faces) process.stdout.write(summary(f) + '\n');
      }
      return 0;
    } finally {
      analyzer.dispose();
    }
  },
};
