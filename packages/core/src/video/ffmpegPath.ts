import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The ffmpeg binary aurig decodes video with: `AURIG_FFMPEG` when set, else the static build
 * shipped in npm by `@ffmpeg-installer/ffmpeg` for this platform.
 */
export function ffmpegPath(): string {
  const forced = process.env.AURIG_FFMPEG;
  if (forced !== undefined && forced !== '') return forced;
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}
