// `aurig` sub-commands of @aurig/retarget (loaded by core's CLI registry). Thin shims only.
import { animate } from './animate.ts';

/** Structural copy of core's `CliCommand`. */
interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: readonly CliCommand[] = [
  {
    name: 'animate',
    usage: 'aurig animate <photo> [--rig default|rig.json|rig.glb] [--out dir] [--json]',
    summary: 'analyse the face in a photo, retarget it onto a rig: writes dir/params.json and dir/preview.png (default dir: out)',
    run: animate,
  },
];
