import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend, createAnalyzer, AU_NAMES, EMOTION_NAMES } from '@aurig/core';

const VIDEO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/eval/video/single_face.mp4');

await initBackend();

test('analyzeVideo: every analysed face of every frame carries the appearance evidence, and its AUs are at least the geometry\'s', async () => {
  const a = await createAnalyzer(), g = await createAnalyzer({ appearance: false });
  try {
    const geometry: Record<string, number>[] = [];
    for await (const fr of g.analyzeVideo(VIDEO, { fps: 5 })) {
      if (fr.faces[0]) geometry.push(fr.faces[0].aus);
      if (geometry.length === 4) break;
    }
    let frames = 0;
    for await (const fr of a.analyzeVideo(VIDEO, { fps: 5 })) {
      const f = fr.faces[0];
      if (!f) continue;
      assert.ok(f.emotions, `frame ${fr.index}: no emotions`);
      assert.ok(Math.abs(EMOTION_NAMES.reduce((s, n) => s + f.emotions![n], 0) - 1) < 1e-3);
      for (const au of AU_NAMES) assert.ok(f.aus[au] >= geometry[frames][au] - 1e-6 && f.aus[au] <= 1, `frame ${fr.index} ${au}: ${f.aus[au]} vs geometry ${geometry[frames][au]}`);
      if (++frames === 4) break;
    }
    assert.equal(frames, 4);
  } finally {
    a.dispose(); g.dispose();
  }
});
