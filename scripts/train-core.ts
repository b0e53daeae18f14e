// Retrains the shipped AUFART weights (packages/core/models/aufart) on synthetic faces of the default
// face model — the one command MODEL.md cites. Extra arguments are those of `aurig train core`
// (e.g. --steps 200 for a quick run, --out DIR to keep the shipped weights).
//   nice -n 10 node --conditions=aurig-dev --import tsx scripts/train-core.ts [--steps N] [--batch N] [--seed N] [--out DIR]
import { train } from '../packages/core/src/cli/commands/train.ts';

/** The recipe of the shipped weights. */
const SHIPPED = ['--steps', '6000', '--batch', '64', '--seed', '1', '--lr', '0.001'];

const code = await train.run(['core', ...SHIPPED, ...process.argv.slice(2)]);
process.exitCode = code;
