import path from 'node:path';

/** File extensions the CLI commands read as a video (decoded with ffmpeg) rather than a still image. */
const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.avi', '.gif']);

/** True when `file` names a video by its extension (case-insensitive). */
export function isVideoPath(file: string): boolean {
  return VIDEO_EXTENSIONS.has(path.extname(file).toLowerCase());
}
