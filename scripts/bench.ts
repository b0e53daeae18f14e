// `npm run bench [-- part…]`: runs every section in scripts/bench/*.ts (or those whose file name
// contains a part) and prints one JSON document (then a short table on stderr). A section exports
// `name` and `run(): Promise<SectionResult>`.
import path from 'node:path';
import { runSectionDir } from './lib/sections.ts';

const report = await runSectionDir(path.join(import.meta.dirname, 'bench'), process.argv.slice(2));
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
