import type { CliCommand } from '../registry.ts';
import { detect } from './detect.ts';
import { analyze } from './analyze.ts';
import { train } from './train.ts';

/** core's CLI commands; each lives in its own file beside this one. */
export const commands: readonly CliCommand[] = [detect, analyze, train];
