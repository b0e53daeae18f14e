import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { AurigError } from '../errors/AurigError.ts';
import { ffmpegPath } from './ffmpegPath.ts';
import { ffmpegStartError } from './ffmpegStartError.ts';
import { collectFfmpegLog } from './collectFfmpegLog.ts';
import { parseFfmpegLog } from './parseFfmpegLog.ts';

/** What a video file holds, as displayed (rotation applied). */
export interface VideoInfo {
  /** Displayed size in pixels (coded size with width and height swapped for 90°/270° rotation). */
  readonly width: number;
  readonly height: number;
  /** Frames per second (the stream's average rate; its time-base rate when no average is stored). */
  readonly fps: number;
  /** Clockwise rotation the file asks players to apply, degrees: 0, 90, 180 or 270. */
  readonly rotation: number;
  /** Duration in milliseconds; 0 when the container does not say. */
  readonly durationMs: number;
  /** ffmpeg's name of the video codec, e.g. `h264`, `hevc`. */
  readonly codec: string;
}

export interface ProbeVideoOptions {
  /** Give up (E_BAD_VIDEO) when ffmpeg has not answered after this many milliseconds. Default: 15000. */
  readonly timeoutMs?: number;
}

export const DEFAULT_PROBE_VIDEO_OPTIONS = { timeoutMs: 15_000 } as const;

/**
 * Read a video file's size, frame rate, rotation and duration with `ffmpeg -i` (no decoding).
 * Throws `AurigError('E_BAD_VIDEO')` for a missing file, a file that is not a video (or has no
 * video stream), or when ffmpeg does not answer in time.
 */
export async function probeVideo(file: string, options: ProbeVideoOptions = {}): Promise<VideoInfo> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_VIDEO_OPTIONS.timeoutMs;
  const stat = await fs.promises.stat(file).catch(() => undefined);
  if (stat === undefined || !stat.isFile()) throw new AurigError('E_BAD_VIDEO', `no video file at ${file}: give the path of an existing video file`, { path: file });
  if (stat.size === 0) throw new AurigError('E_BAD_VIDEO', `${file} is empty (0 bytes): give a video file (mp4, mov, webm, …)`, { path: file });
  const log = await runFfmpegInfo(file, timeoutMs);
  const input = parseFfmpegLog(log).input;
  if (input === undefined) {
    throw new AurigError('E_BAD_VIDEO', `${file} is not a video ffmpeg can read (${lastLogLine(log)}): give a video file (mp4, mov, webm, …)`, { path: file });
  }
  const sideways = input.rotation === 90 || input.rotation === 270;
  return {
    width: sideways ? input.codedHeight : input.codedWidth,
    height: sideways ? input.codedWidth : input.codedHeight,
    fps: input.fps, rotation: input.rotation, durationMs: input.durationMs, codec: input.codec,
  };
}

/** ffmpeg's own last complaint, for error messages. */
export function lastLogLine(log: string): string {
  const lines = log.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('frame='));
  return (lines.at(-1) ?? 'no output from ffmpeg').replace(/^\[[^\]]*\]\s*/, '').slice(0, 200);
}

function runFfmpegInfo(file: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // `-i` alone makes ffmpeg print the input header and exit (status 1: "no output file").
    const child = spawn(ffmpegPath(), ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AurigError('E_BAD_VIDEO', `probing ${file} took longer than ${timeoutMs} ms: the file may be on a stalled disk or not a video`, { path: file }));
    }, timeoutMs);
    const log = collectFfmpegLog(child.stderr);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(ffmpegStartError(e));
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(log());
    });
  });
}
