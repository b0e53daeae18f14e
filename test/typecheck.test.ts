import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

// Tests run the TypeScript sources through tsx, which strips types without checking them; this
// keeps the whole workspace strict-clean (tsc -b over the project references).
const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = (args: string[]) => spawnSync(process.execPath, [tsc, ...args, '--pretty', 'false'], { cwd: root, encoding: 'utf8', timeout: 300_000 });

test('the packages type-check under strict TypeScript (tsc -b over the project references)', () => {
  const r = run(['-b']);
  assert.equal(r.status, 0, `tsc -b failed:\n${r.stdout}${r.stderr}`);
});

test('the tests and scripts type-check too (tsconfig.tests.json)', () => {
  const r = run(['-p', 'tsconfig.tests.json']);
  assert.equal(r.status, 0, `tsc -p tsconfig.tests.json failed:\n${r.stdout}${r.stderr}`);
});
