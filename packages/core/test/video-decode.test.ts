import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeVideoFrames, ffmpegPath, isAurigError, probeVideo, type VideoFrame } from '@aurig/core';

const VIDEOS = path.resolve(import.meta.dirname, '../../../../shared/eval/video');
const video = (name: string) => path.join(VIDEOS, name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-video-'));

/** ffmpeg processes that are children of this test process. */
function ffmpegChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,ppid=,args=', '-e'], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => Number(f[1]) === process.pid && f[2] === ffmpegPath()).map((f) => Number(f[0]));
}

async function collect(it: AsyncIterable<VideoFrame>, max = Infinity): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const f of it) {
    frames.push(f);
    if (frames.length >= max) break;
  }
  return frames;
}

test('probeVideo reads size, rate, rotation and duration of every eval video', async () => {
  const single = await probeVideo(video('single_face.mp4'));
  assert.deepEqual([single.width, single.height, single.fps, single.rotation, single.codec], [640, 360, 30, 0, 'h264']);
  assert.ok(Math.abs(single.durationMs - 2430) < 20);
  const mov = await probeVideo(video('face_noface.mov'));
  assert.deepEqual([mov.width, mov.height, mov.codec], [960, 540, 'hevc']);
  assert.ok(mov.fps > 25 && mov.fps < 31);
});

test('decodeVideoFrames: every frame of single_face.mp4, right size, RGB bytes, increasing timestamps', async () => {
  const frames = await collect(decodeVideoFrames(video('single_face.mp4')));
  assert.ok(Math.abs(frames.length - 73) <= 2, `${frames.length} frames for 2.43 s at 30 fps`);
  frames.forEach((f, i) => {
    assert.equal(f.index, i);
    assert.deepEqual([f.width, f.height, f.data.length], [640, 360, 640 * 360 * 3]);
  });
  for (let i = 1; i < frames.length; i++) assert.ok(frames[i].timestampMs > frames[i - 1].timestampMs);
  assert.ok(Math.abs(frames[30].timestampMs - 1000) < 1);
  const mean = frames[10].data.reduce((a, b) => a + b, 0) / frames[10].data.length;
  assert.ok(mean > 20 && mean < 235, `a real picture, mean byte ${mean}`);
  assert.notDeepEqual(frames[0].data, frames[frames.length - 1].data);
});

test('maxSide downscales keeping the aspect ratio; fps resamples with exact timestamps', async () => {
  const frames = await collect(decodeVideoFrames(video('WolfgangLanger_Pexels.mp4'), { maxSide: 320, fps: 5 }));
  assert.deepEqual([frames[0].width, frames[0].height], [320, 180]);
  assert.ok(Math.abs(frames.length - 19.69 * 5) <= 2, `${frames.length} frames at 5 fps`);
  assert.equal(frames[7].timestampMs, 1400);
  const [mov] = await collect(decodeVideoFrames(video('face_noface.mov'), { maxSide: 480 }), 1);
  assert.deepEqual([mov.width, mov.height, mov.data.length], [480, 270, 480 * 270 * 3]);
});

test('rotation metadata is applied and the reported size is the displayed one', async () => {
  const rotated = path.join(tmp, 'rotated.mp4');
  execFileSync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-y', '-i', video('single_face.mp4'), '-t', '0.5', '-an', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
  const info = await probeVideo(rotated);
  assert.deepEqual([info.width, info.height], [360, 640]);
  assert.ok(info.rotation === 90 || info.rotation === 270);
  const [f] = await collect(decodeVideoFrames(rotated, { maxSide: 320 }), 1);
  assert.deepEqual([f.width, f.height, f.data.length], [180, 320, 180 * 320 * 3]);
});

test('breaking out of the loop kills ffmpeg: no ffmpeg process is left', async () => {
  let running: number[] = [];
  let n = 0;
  for await (const f of decodeVideoFrames(video('sadtalker_WDA_AlexandriaOcasioCortez_000.mp4'))) {
    assert.deepEqual([f.width, f.height], [512, 512]);
    running = ffmpegChildren();
    if (++n === 3) break;
  }
  assert.equal(running.length, 1, 'ffmpeg ran while frames were read');
  assert.deepEqual(ffmpegChildren(), []);
});

test('aborting the signal stops decoding with the abort reason and kills ffmpeg', async () => {
  const ac = new AbortController();
  let n = 0;
  await assert.rejects(async () => {
    for await (const f of decodeVideoFrames(video('WolfgangLanger_Pexels.mp4'), { signal: ac.signal })) {
      assert.ok(f.data.length > 0);
      if (++n === 5) ac.abort(new Error('enough'));
    }
  }, /enough/);
  assert.equal(n, 5);
  assert.deepEqual(ffmpegChildren(), []);
});

test('a readable stream of a faststart MP4 decodes like the file', async () => {
  const fromStream = await collect(decodeVideoFrames(fs.createReadStream(video('WolfgangLanger_Pexels.mp4')), { maxSide: 160 }), 12);
  const fromFile = await collect(decodeVideoFrames(video('WolfgangLanger_Pexels.mp4'), { maxSide: 160 }), 12);
  assert.equal(fromStream.length, 12);
  assert.deepEqual([fromStream[0].width, fromStream[0].height], [160, 90]);
  assert.ok(Math.abs(fromStream[11].timestampMs - (11 * 1001) / 24) < 1e-6, 'NTSC 24000/1001 fps, exact');
  assert.deepEqual(fromStream[11].data, fromFile[11].data);
  assert.deepEqual(ffmpegChildren(), []);
});

test('bad input is E_BAD_VIDEO with a message that says what to do', async () => {
  const text = path.join(tmp, 'notes.mp4');
  fs.writeFileSync(text, 'this is a text file, not a video\n'.repeat(50));
  const empty = path.join(tmp, 'empty.mp4');
  fs.writeFileSync(empty, '');
  const truncated = path.join(tmp, 'truncated.mp4');
  fs.writeFileSync(truncated, fs.readFileSync(video('single_face.mp4')).subarray(0, 60_000)); // moov at the end: cut off
  const cases: Array<[string, string | NodeJS.ReadableStream, RegExp]> = [
    ['missing file', path.join(tmp, 'missing.mp4'), /no video file at .*missing\.mp4/],
    ['text file', text, /notes\.mp4 is not a video/],
    ['empty file', empty, /empty/],
    ['truncated file', truncated, /truncated\.mp4 is not a video/],
    ['moov-last MP4 as a stream', fs.createReadStream(video('single_face.mp4')), /faststart/],
    ['text as a stream', fs.createReadStream(text), /input stream gave no video frames/],
  ];
  for (const [label, input, message] of cases) {
    await assert.rejects(collect(decodeVideoFrames(input)), (e) => isAurigError(e, 'E_BAD_VIDEO') && message.test(e.message), label);
  }
  await assert.rejects(collect(decodeVideoFrames(video('single_face.mp4'), { maxSide: -3 })), (e) => isAurigError(e, 'E_BAD_OPTION'));
  assert.deepEqual(ffmpegChildren(), []);
});

test('frames are pulled on demand: a paused consumer holds ffmpeg back (backpressure)', async () => {
  const it = decodeVideoFrames(video('WolfgangLanger_Pexels.mp4'))[Symbol.asyncIterator]();
  await it.next();
  const rss = process.memoryUsage().rss;
  await new Promise((r) => setTimeout(r, 700)); // ffmpeg would decode the whole 19 s (~330 MB of RGB) in this time
  const grown = process.memoryUsage().rss - rss;
  assert.ok(grown < 40e6, `memory grew ${(grown / 1e6).toFixed(1)} MB while paused`);
  const second = await it.next();
  assert.equal(second.value?.index, 1);
  await it.return?.(undefined);
  assert.deepEqual(ffmpegChildren(), []);
});
