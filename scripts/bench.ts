// `npm run bench`: runs every section in scripts/bench/*.ts and prints one JSON document
// (then a short table on stderr). A section exports `name` and `run(): Promise<BenchResult>`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSections } from './lib/sections.ts';

const dir = path.join(import.meta.dirname, 'bench');
const only = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const report = await runSections(files.map((f) => pathToFileURL(path.join(dir, f)).href));
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
