import type { CliCommand } from '../registry.ts';

/** core's CLI commands; each lives in its own file beside this one. */
export const commands: readonly CliCommand[] = [];
