// `npm run eval`: runs every section in scripts/eval/*.ts (figures measured on ../shared/eval and
// on synthetic held-out data) and prints one JSON document, then a table on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSections } from './lib/sections.ts';

const dir = path.join(import.meta.dirname, 'eval');
const only = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const report = await runSections(files.map((f) => pathToFileURL(path.join(dir, f)).href));
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
