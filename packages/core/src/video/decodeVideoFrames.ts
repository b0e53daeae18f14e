import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { AurigError } from '../errors/AurigError.ts';
import { ffmpegPath } from './ffmpegPath.ts';
import { ffmpegStartError } from './ffmpegStartError.ts';
import { collectFfmpegLog } from './collectFfmpegLog.ts';
import { parseFfmpegLog } from './parseFfmpegLog.ts';
import { lastLogLine, probeVideo } from './probeVideo.ts';
import { readFixedChunks, type ChunkTail } from './readFixedChunks.ts';

/** One decoded frame: 8-bit RGB, row-major, y down, `width·height·3` bytes; rotation applied. */
export interface VideoFrame {
  /** 0-based frame number in decoding order (at the output rate when `fps` is given). */
  readonly index: number;
  /** Presentation time from the start of the video, milliseconds. */
  readonly timestampMs: number;
  /** Frame size in pixels as displayed (after rotation metadata and `maxSide`). */
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface DecodeVideoOptions {
  /** Downscale (never upscale) so the longer side is at most this many pixels. Default: 0, full size. */
  readonly maxSide?: number;
  /** Resample to this constant frame rate, frames per second. Default: 0, the video's own rate. */
  readonly fps?: number;
  /** Aborting stops ffmpeg; the iteration then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Give up (E_BAD_VIDEO) when ffmpeg has not started producing frames after this many milliseconds. Default: 15000. */
  readonly startTimeoutMs?: number;
}

export const DEFAULT_DECODE_VIDEO_OPTIONS = { maxSide: 0, fps: 0, startTimeoutMs: 15_000 } as const;

/** How long to wait for a killed ffmpeg to exit before giving up on it. */
const EXIT_WAIT_MS = 2_000;

type Ffmpeg = ChildProcessByStdio<Writable | null, Readable, Readable>;

/**
 * Decode a video into RGB frames, streaming: ffmpeg (the npm-shipped binary) writes raw rgb24 to
 * a pipe and exactly `width·height·3` bytes are read per frame, only as fast as the consumer
 * iterates — never the whole video in memory. `input` is a file path or a readable stream of a
 * video file (piped to ffmpeg's stdin; an MP4/MOV stream must have its index first, "faststart").
 * Rotation metadata is applied. Breaking out of the loop or aborting `signal` kills ffmpeg.
 * Bad input (missing, empty, not a video, truncated) throws `AurigError('E_BAD_VIDEO')`.
 */
export async function* decodeVideoFrames(input: string | NodeJS.ReadableStream | Readable, options: DecodeVideoOptions = {}): AsyncGenerator<VideoFrame> {
  const o = resolveOptions(options);
  o.signal?.throwIfAborted();
  const where = typeof input === 'string' ? input : 'the input stream';
  const probedFps = typeof input === 'string' ? (await probeVideo(input, { timeoutMs: o.startTimeoutMs })).fps : 0;

  const child = spawn(ffmpegPath(), ffmpegArgs(typeof input === 'string' ? input : 'pipe:0', o), {
    stdio: [typeof input === 'string' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  }) as Ffmpeg;
  const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('close', (code) => resolve({ code }));
  });
  const log = collectFfmpegLog(child.stderr);
  const kill = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
  o.signal?.addEventListener('abort', kill);
  let inputError: Error | undefined;
  const source = typeof input === 'string' ? undefined : (input as Readable);
  const onSourceError = (e: Error) => { inputError = e; kill(); };
  if (source !== undefined && child.stdin !== null) {
    child.stdin.on('error', () => { /* EPIPE when ffmpeg stops reading early: expected */ });
    source.on('error', onSourceError);
    source.pipe(child.stdin);
  }

  try {
    const header = await waitForHeader(child, log, exited, o.startTimeoutMs);
    if (header === undefined) throw badVideo(where, log(), await exited, source !== undefined);
    const fps = header.fps > 0 ? header.fps : o.fps > 0 ? o.fps : probedFps;
    const tail: ChunkTail = { partialBytes: 0 };
    let index = 0;
    for await (const data of readFixedChunks(child.stdout, header.width * header.height * 3, tail)) {
      if (o.signal?.aborted) break;
      yield { index, timestampMs: fps > 0 ? (index * 1000) / fps : 0, width: header.width, height: header.height, data };
      index++;
    }
    o.signal?.throwIfAborted();
    if (inputError !== undefined) throw new AurigError('E_IO', `reading the video stream failed: ${inputError.message}`, { cause: inputError });
    const end = await exited;
    if (end.code !== 0 || tail.partialBytes !== 0 || index === 0) throw badVideo(where, log(), end, source !== undefined, index);
  } finally {
    o.signal?.removeEventListener('abort', kill);
    if (source !== undefined && child.stdin !== null) {
      source.unpipe(child.stdin);
      source.off('error', onSourceError);
    }
    kill();
    child.stdout.destroy();
    await Promise.race([exited, new Promise((r) => setTimeout(r, EXIT_WAIT_MS).unref())]);
  }
}

function resolveOptions(options: DecodeVideoOptions) {
  const o = { ...DEFAULT_DECODE_VIDEO_OPTIONS, ...options };
  if (!(Number.isInteger(o.maxSide) && o.maxSide >= 0)) throw new AurigError('E_BAD_OPTION', `maxSide=${o.maxSide}: give a positive whole number of pixels (or 0 for full size)`, { value: o.maxSide });
  if (!(Number.isFinite(o.fps) && o.fps >= 0)) throw new AurigError('E_BAD_OPTION', `fps=${o.fps}: give a positive frame rate (or 0 for the video's own)`, { value: o.fps });
  if (!(o.startTimeoutMs > 0)) throw new AurigError('E_BAD_OPTION', `startTimeoutMs=${o.startTimeoutMs}: give a positive number of milliseconds`, { value: o.startTimeoutMs });
  return o;
}

function ffmpegArgs(src: string, o: { maxSide: number; fps: number }): string[] {
  const filters: string[] = [];
  if (o.fps > 0) filters.push(`fps=${o.fps}`);
  // After autorotation (ffmpeg rotates before user filters): shrink the longer side, keep aspect.
  if (o.maxSide > 0) filters.push(`scale=w='if(gte(iw,ih),min(${o.maxSide},iw),-1)':h='if(gte(iw,ih),-1,min(${o.maxSide},ih))'`);
  return [
    '-hide_banner', '-nostats', ...(src === 'pipe:0' ? [] : ['-nostdin']),
    '-i', src, '-map', '0:v:0', '-an', '-sn',
    ...(filters.length ? ['-vf', filters.join(',')] : []),
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  ];
}

/** Wait until ffmpeg's log states the output frame size; undefined when ffmpeg ends first. */
function waitForHeader(child: Ffmpeg, log: () => string, exited: Promise<unknown>, timeoutMs: number) {
  return new Promise<{ width: number; height: number; fps: number } | undefined>((resolve, reject) => {
    const check = () => {
      const out = parseFfmpegLog(log()).output;
      if (out !== undefined) done(() => resolve(out));
    };
    const timer = setTimeout(() => done(() => reject(new AurigError('E_BAD_VIDEO', `ffmpeg produced no frames within ${timeoutMs} ms: the input may be stalled or not a video`))), timeoutMs);
    const done = (f: () => void) => {
      clearTimeout(timer);
      child.stderr.off('data', check);
      f();
    };
    child.stderr.on('data', check);
    void exited.then(() => { check(); done(() => resolve(undefined)); });
    check();
  });
}

function badVideo(where: string, log: string, end: { code: number | null; error?: Error }, fromStream: boolean, frames = 0): AurigError {
  if (end.error !== undefined) return ffmpegStartError(end.error);
  const why = lastLogLine(log);
  if (fromStream && /moov atom not found|partial file|Cannot determine format/i.test(log)) {
    return new AurigError('E_BAD_VIDEO', `${where} is an MP4/MOV whose index (moov atom) is not at its start, which a stream cannot be read without (${why}): pass the file path, or remux it with \`ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4\``);
  }
  const what = frames > 0 ? `stopped after ${frames} frames` : 'gave no video frames';
  return new AurigError('E_BAD_VIDEO', `${where} ${what}: ${why}. Give a complete video file (mp4, mov, webm, …)`, { ...(where !== 'the input stream' ? { path: where } : {}) });
}
