import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { commands } from '@aurig/generator/cli';

const cmd = (name: string) => commands.find((c) => c.name === name)!;

test('aurig render writes a PNG of the default rig; aurig rig validate rejects a cyclic rig with its path', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-cli-'));
  const params = path.join(dir, 'p.json'), out = path.join(dir, 'face.png');
  fs.writeFileSync(params, JSON.stringify({ AU26: 1 }));
  assert.equal(await cmd('render').run(['--rig', 'default', '--params', params, '--out', out, '--size', '96']), 0);
  const meta = await sharp(out).metadata();
  assert.equal(meta.width, 96);
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ aurig: 'rig/1', name: 'x', params: [], bones: [{ name: 'a', parent: 'a', translation: [0, 0, 0] }], drivers: [], mesh: { parts: [] } }));
  await assert.rejects(cmd('rig').run(['validate', bad]), { code: 'E_BAD_RIG', path: '/bones/0/parent' });
  fs.writeFileSync(params, JSON.stringify({ smile: 1 }));
  await assert.rejects(cmd('render').run(['--params', params, '--out', out]), { code: 'E_UNKNOWN_CONTROL' });
  fs.rmSync(dir, { recursive: true });
});
