import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

// Tests run the TypeScript sources through tsx, which strips types without checking them; this
// keeps the whole workspace strict-clean (tsc -b over the project references).
test('the workspace type-checks under strict TypeScript', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-b', '--pretty', 'false'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `tsc -b failed:\n${r.stdout}${r.stderr}`);
});
