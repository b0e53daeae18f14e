import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { LoadAssetContainerAsync } from '@babylonjs/core/Loading/sceneLoader.js';
import { writeGlb, loadRig, createRigParams, renderRig, type Rig } from '@aurig/generator';
import { arkitHead } from './fixtures/arkitHead.ts';
import { splitGlb, joinGlb, appendBin } from './fixtures/glbChunks.ts';
import { trapNetwork } from './fixtures/noNetwork.ts';

/** A 4×4 skin-coloured image. */
async function tinyImage(format: 'webp' | 'png'): Promise<Uint8Array> {
  const img = sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 217, g: 168, b: 140 } } });
  return new Uint8Array(await (format === 'webp' ? img.webp({ lossless: true }) : img.png()).toBuffer());
}

/** Give every mesh a material whose base colour is texture 0. */
function texturedMaterial(json: Record<string, any>, texture: Record<string, unknown>): void {
  json.textures = [texture];
  json.materials = [{ name: 'skin', pbrMetallicRoughness: { baseColorTexture: { index: 0 }, metallicFactor: 0 } }];
  for (const m of json.meshes) for (const p of m.primitives) p.material = 0;
}

/** Load, drive jawOpen, render: the chin drops 15 mm and the image changes. */
function exercise(rig: Rig): void {
  assert.deepEqual(rig.slots.names, ['jawOpen', 'mouthSmileLeft', 'eyeBlinkLeft', 'custom_puff']);
  assert.equal(rig.definition.params[0].au, 'AU26');
  const neutral = rig.deform(createRigParams(rig).values);
  const open = rig.deform(createRigParams(rig, { jawOpen: 1 }).values);
  const minY = (m: Float32Array) => Math.min(...m.filter((_, k) => k % 3 === 1));
  assert.ok(Math.abs(minY(neutral.meshes[0].positions) + 90) < 0.01, `head bottom at ${minY(neutral.meshes[0].positions)} mm (radius 0.09 m)`);
  assert.ok(Math.abs(minY(open.meshes[0].positions) - minY(neutral.meshes[0].positions) + 15) < 0.01);
  const a = renderRig(rig, createRigParams(rig)), b = renderRig(rig, createRigParams(rig, { jawOpen: 1 }));
  let covered = 0, changed = 0;
  for (let i = 0; i < a.faceMask.length; i++) { covered += a.faceMask[i]; if (a.rgb[3 * i + 1] !== b.rgb[3 * i + 1]) changed++; }
  assert.ok(covered > a.faceMask.length * 0.3 && changed > 50, `covered ${covered}, changed ${changed}`);
}

test('a .gltf with its .bin and a .png beside it loads by path, with no network', async () => {
  const { json, bin } = splitGlb(writeGlb(arkitHead()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-gltf-'));
  json.buffers[0].uri = 'head%20data.bin'; // URI-encoded, as exporters write names with spaces
  json.images = [{ uri: 'skin.png' }];
  texturedMaterial(json, { source: 0 });
  fs.writeFileSync(path.join(dir, 'head data.bin'), bin);
  fs.writeFileSync(path.join(dir, 'skin.png'), await tinyImage('png'));
  fs.writeFileSync(path.join(dir, 'head.gltf'), JSON.stringify(json));
  const net = trapNetwork();
  try {
    const rig = await loadRig(path.join(dir, 'head.gltf'));
    exercise(rig);
    const glb = await loadRig(writeGlb(arkitHead()));
    assert.deepEqual(rig.deform(createRigParams(rig, { jawOpen: 0.4 }).values).meshes.map((m) => Array.from(m.positions)),
      glb.deform(createRigParams(glb, { jawOpen: 0.4 }).values).meshes.map((m) => Array.from(m.positions)), '.gltf+.bin = .glb');
    rig.dispose(); glb.dispose();
  } finally { net.restore(); }
  assert.deepEqual(net.calls, []);
  fs.rmSync(dir, { recursive: true });
});

test('a .glb whose texture is EXT_texture_webp (required, no fallback) loads with no network', async () => {
  const { json, bin: bin0 } = splitGlb(writeGlb(arkitHead()));
  const webp = await tinyImage('webp');
  assert.equal(new TextDecoder().decode(webp.subarray(8, 12)), 'WEBP');
  const { bin, byteOffset } = appendBin(bin0, webp);
  json.bufferViews.push({ buffer: 0, byteOffset, byteLength: webp.byteLength });
  json.images = [{ bufferView: json.bufferViews.length - 1, mimeType: 'image/webp' }];
  texturedMaterial(json, { extensions: { EXT_texture_webp: { source: 0 } } });
  json.extensionsUsed = ['EXT_texture_webp'];
  json.extensionsRequired = ['EXT_texture_webp'];
  const net = trapNetwork();
  try {
    const rig = await loadRig(joinGlb(json, bin));
    exercise(rig);
    rig.dispose();
    // the required-extension check is live: an unknown required extension is refused
    json.extensionsUsed.push('EXT_made_up'); json.extensionsRequired.push('EXT_made_up');
    await assert.rejects(loadRig(joinGlb(json, bin)), (e: any) => e.code === 'E_BAD_RIG' && /EXT_made_up/.test(e.message));
  } finally { net.restore(); }
  assert.deepEqual(net.calls, []);
});

test('glTF resources that would need the network are refused before Babylon asks for them', async () => {
  const { json, bin } = splitGlb(writeGlb(arkitHead()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-gltf-'));
  fs.writeFileSync(path.join(dir, 'head.bin'), bin);
  const net = trapNetwork();
  try {
    json.buffers[0].uri = 'https://example.com/head.bin';
    fs.writeFileSync(path.join(dir, 'remote.gltf'), JSON.stringify(json));
    await assert.rejects(loadRig(path.join(dir, 'remote.gltf')), { code: 'E_BAD_RIG', path: '/buffers/0/uri' });
    // bytes carry no directory to resolve 'head.bin' against
    json.buffers[0].uri = 'head.bin';
    await assert.rejects(loadRig(new TextEncoder().encode(JSON.stringify(json))), { code: 'E_BAD_RIG', path: '/buffers/0/uri' });
  } finally { net.restore(); }
  assert.deepEqual(net.calls, []);
  fs.rmSync(dir, { recursive: true });
});

test('the network trap catches Babylon asking for a resource (so the tests above mean something)', async () => {
  const { json } = splitGlb(writeGlb(arkitHead()));
  json.buffers[0].uri = 'head.bin';
  const engine = new NullEngine();
  const net = trapNetwork();
  try {
    await assert.rejects(LoadAssetContainerAsync(`data:${JSON.stringify(json)}`, new Scene(engine), { pluginExtension: '.gltf' }));
  } finally { net.restore(); engine.dispose(); }
  assert.ok(net.calls.some((c) => c.includes('head.bin')), net.calls.join('; '));
});
