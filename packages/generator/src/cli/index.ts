// `aurig` sub-commands of @aurig/generator (loaded by core's CLI registry). Thin shims:
// argv → options → library call; only exit codes here, never process.exit.
import fs from 'node:fs';
import { AurigError } from '@aurig/core';
import { loadRig } from '../rig/loadRig.ts';
import { validateRig } from '../rig/validateRig.ts';
import { createDefaultRig } from '../default/createDefaultRig.ts';
import { createRigParams } from '../params/RigParams.ts';
import { renderRig } from '../render/renderRig.ts';
import { writePng } from '../render/writePng.ts';
import type { Rig } from '../rig/Rig.ts';

/** Structural copy of core's `CliCommand` (core's registry only needs this shape; generator keeps no type dependency on core's CLI). */
interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new AurigError('E_BAD_OPTION', `${name} needs a value`);
  return v;
}

async function openRig(spec: string): Promise<Rig> {
  return spec === 'default' ? createDefaultRig() : loadRig(spec);
}

const render: CliCommand = {
  name: 'render',
  usage: 'aurig render --rig default|<file> [--params p.json] --out face.png [--size 128]',
  summary: 'render a rig with the reference renderer (params: JSON record of control values)',
  async run(argv) {
    const out = flag(argv, '--out');
    if (!out) throw new AurigError('E_BAD_OPTION', 'aurig render needs --out face.png');
    const rig = await openRig(flag(argv, '--rig') ?? 'default');
    const pfile = flag(argv, '--params');
    let input: Record<string, number> | number[] | undefined;
    if (pfile) {
      try { input = JSON.parse(fs.readFileSync(pfile, 'utf8')); } catch (e) {
        throw new AurigError('E_BAD_PARAMS', `cannot read params '${pfile}': ${(e as Error).message}; give a JSON object {"AU12_L": 1, …}`, { path: pfile, cause: e });
      }
      if (input && !Array.isArray(input) && typeof input === 'object' && 'values' in input && 'names' in input) {
        const r = input as unknown as { names: string[]; values: number[] };
        input = Object.fromEntries(r.names.map((n, i) => [n, r.values[i]]));
      }
    }
    const size = Number(flag(argv, '--size') ?? 128);
    const img = renderRig(rig, createRigParams(rig, input), { width: size, height: size });
    await writePng(out, img);
    rig.dispose();
    process.stdout.write(`${out}: ${size}×${size}\n`);
    return 0;
  },
};

const rigCmd: CliCommand = {
  name: 'rig',
  usage: 'aurig rig validate <file> | aurig rig inspect <file.glb|file.json|default> [--json]',
  summary: 'check a rig definition, or list the params aurig derives for a rig',
  async run(argv) {
    const [sub, file] = argv;
    if ((sub !== 'validate' && sub !== 'inspect') || !file) throw new AurigError('E_BAD_OPTION', "usage: aurig rig validate <file> | aurig rig inspect <file>");
    if (sub === 'validate' && file.endsWith('.json')) {
      const def = JSON.parse(fs.readFileSync(file, 'utf8')) as { mesh?: { gltf?: string } };
      if (!def.mesh?.gltf) { validateRig(def); process.stdout.write(`${file}: valid rig\n`); return 0; }
    }
    const rig = await openRig(file);
    if (sub === 'validate') { process.stdout.write(`${file}: valid rig '${rig.name}' (${rig.slots.names.length} values)\n`); rig.dispose(); return 0; }
    const s = rig.slots;
    const rows = s.names.map((n, i) => ({ name: n, group: s.groups[i], au: s.au[i] ?? null, side: s.side[i] ?? null, min: s.min[i], max: s.max[i], default: s.defaults[i] }));
    if (argv.includes('--json')) process.stdout.write(JSON.stringify({ rig: rig.name, params: rows }, null, 2) + '\n');
    else {
      process.stdout.write(`rig '${rig.name}': ${rows.length} values, ${rig.definition.bones.length} bones, ${rig.drivers.morphNames.length} morph targets\n`);
      for (const r of rows) process.stdout.write(`  ${r.name.padEnd(28)} ${r.group.padEnd(9)} ${(r.au ?? '').padEnd(5)} ${(r.side ?? '').padEnd(6)} [${+r.min.toFixed(3)}, ${+r.max.toFixed(3)}] default ${+r.default.toFixed(3)}\n`);
    }
    rig.dispose();
    return 0;
  },
};

export const commands: readonly CliCommand[] = [render, rigCmd];
