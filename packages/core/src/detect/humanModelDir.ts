import { createRequire } from 'node:module';
import path from 'node:path';

/** The `models/` folder of the installed @vladmandic/human: the pretrained graphs aurig runs (detector, mesh, iris, emotion). */
export function humanModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}
