import { AurigError } from '../errors/AurigError.ts';
import { ffmpegPath } from './ffmpegPath.ts';

/** The error for an ffmpeg binary that could not be started (`spawn`'s 'error' event): missing, not executable, … */
export function ffmpegStartError(cause: Error): AurigError {
  return new AurigError('E_BAD_VIDEO', `could not run ffmpeg (${ffmpegPath()}): ${cause.message}; reinstall @ffmpeg-installer/ffmpeg or set AURIG_FFMPEG`, { cause });
}
