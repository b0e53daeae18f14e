import type { Readable } from 'node:stream';

/** Keep at most this much of ffmpeg's log: only its header and last lines are read. */
const MAX_LOG_CHARS = 256 * 1024;

/** Gather ffmpeg's stderr as text (up to `MAX_LOG_CHARS`) as it arrives; the returned function reads what came so far. */
export function collectFfmpegLog(stderr: Readable): () => string {
  let log = '';
  stderr.setEncoding('utf8');
  stderr.on('data', (d: string) => { if (log.length < MAX_LOG_CHARS) log += d; });
  return () => log;
}
