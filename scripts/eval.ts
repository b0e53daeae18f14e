// `npm run eval [-- part…]`: runs every section in scripts/eval/*.ts (figures measured on
// ../shared/eval and on synthetic held-out data) and prints one JSON document, then a table on stderr.
import path from 'node:path';
import { runSectionDir } from './lib/sections.ts';

const report = await runSectionDir(path.join(import.meta.dirname, 'eval'), process.argv.slice(2));
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
