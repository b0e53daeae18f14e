import fs from 'node:fs/promises';
import path from 'node:path';
import { AurigError, createAnalyzer, decodeImage, type FaceParams } from '@aurig/core';
import { createDefaultRig, loadRig, rigParamsToRecord, type Rig } from '@aurig/generator';
import { retarget } from '../retarget.ts';
import { writePreview } from './writePreview.ts';

/** Argument values of `aurig animate`, parsed. */
interface AnimateArgs {
  readonly photo: string;
  readonly rig: string;
  readonly out: string;
  readonly json: boolean;
}

function parse(argv: string[]): AnimateArgs {
  let photo: string | undefined, rig = 'default', out = 'out', json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--rig' || a === '--out') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new AurigError('E_BAD_OPTION', `${a} needs a value`);
      if (a === '--rig') rig = v; else out = v;
    } else if (a.startsWith('--')) throw new AurigError('E_BAD_OPTION', `unknown option ${a}; see 'aurig --help'`);
    else if (photo === undefined) photo = a;
    else throw new AurigError('E_BAD_OPTION', `one photo at a time; got '${photo}' and '${a}'`);
  }
  if (photo === undefined) throw new AurigError('E_BAD_OPTION', 'give a photo: aurig animate <photo> [--rig default|rig.json|rig.glb] [--out dir]');
  return { photo, rig, out, json };
}

/** The summary written beside the rig values: what the analysis saw. */
function faceSummary(face: FaceParams) {
  return { box: face.box, confidence: face.confidence, reason: face.reason, headPose: face.headPose, gaze: face.gaze, aus: face.aus, auPresence: face.auPresence };
}

/** `aurig animate`: a photo in, the rig's values (params.json) and a preview image (preview.png) out. */
export async function animate(argv: string[]): Promise<number> {
  const args = parse(argv);
  const photo = await decodeImage(args.photo);
  const rig: Rig = args.rig === 'default' ? createDefaultRig() : await loadRig(args.rig);
  const analyzer = await createAnalyzer();
  try {
    const faces = await analyzer.analyze(photo);
    const face = faces[0];
    if (!face) throw new AurigError('E_NO_FACE', `no face found in ${args.photo}; use a photo where a face is visible and at least ~64 px wide`, { path: args.photo });
    const params = retarget(face, rig);
    await fs.mkdir(args.out, { recursive: true });
    const doc = { rig: rig.name, photo: path.resolve(args.photo), face: faceSummary(face), params: rigParamsToRecord(params) };
    const paramsFile = path.join(args.out, 'params.json');
    const previewFile = path.join(args.out, 'preview.png');
    await fs.writeFile(paramsFile, JSON.stringify(doc, null, 2) + '\n');
    await writePreview(previewFile, photo, face, rig, params);
    if (args.json) process.stdout.write(JSON.stringify(doc) + '\n');
    else {
      const top = Object.entries(face.aus).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
      const deg = (r: number) => ((r * 180) / Math.PI).toFixed(1);
      process.stdout.write(`face: confidence ${face.confidence.toFixed(2)}${face.reason ? ` (${face.reason})` : ''}; head yaw ${deg(face.headPose.yaw)}°, pitch ${deg(face.headPose.pitch)}°, roll ${deg(face.headPose.roll)}°\n`);
      process.stdout.write(`strongest AUs: ${top}\nwrote ${paramsFile} (${params.values.length} values of rig '${rig.name}') and ${previewFile}\n`);
    }
    return 0;
  } finally {
    analyzer.dispose();
    rig.dispose();
  }
}
