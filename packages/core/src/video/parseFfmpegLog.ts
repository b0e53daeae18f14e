/** What ffmpeg's log (stderr of `ffmpeg -i …`) says about the first video stream. */
export interface FfmpegVideoLog {
  /** The input's first video stream: coded size, frame rate (fps), rotation, duration. */
  readonly input?: { readonly codec: string; readonly codedWidth: number; readonly codedHeight: number; readonly fps: number; readonly rotation: number; readonly durationMs: number };
  /** The rawvideo output stream: the size and rate frames arrive at (after rotation, scaling, fps). */
  readonly output?: { readonly width: number; readonly height: number; readonly fps: number };
}

const VIDEO_STREAM = /Stream #\d+:\d+[^:]*: Video: ([^,\s]+)[^\n]*?, (\d{1,5})x(\d{1,5})/;
const RATE = /, ([\d.]+) (fps|tbr)\b/g;
const DURATION = /Duration: (\d+):(\d+):([\d.]+)/;
const ROTATE_TAG = /^\s*rotate\s*:\s*(-?\d+)/m;
const DISPLAY_MATRIX = /displaymatrix: rotation of (-?[\d.]+) degrees/;

/** ffmpeg prints rates with 2 decimals; NTSC rates (n·1000/1001: 23.98, 29.97, 59.94) within this are taken as exact. */
const NTSC_TOLERANCE = 0.006;

/** Frame rate of a stream line: its `fps`, else its `tbr`; 0 when neither is given. */
function rate(line: string): number {
  const found: Record<string, number> = {};
  for (const m of line.matchAll(RATE)) found[m[2]] ??= Number(m[1]);
  const printed = found.fps ?? found.tbr ?? 0;
  const ntsc = (Math.round(printed * 1.001) * 1000) / 1001;
  return printed > 0 && !Number.isInteger(printed) && Math.abs(ntsc - printed) < NTSC_TOLERANCE ? ntsc : printed;
}

/** Parse the `Input #0` and `Output #0` sections of ffmpeg's log (the format of ffmpeg ≥ 4). */
export function parseFfmpegLog(log: string): FfmpegVideoLog {
  const inAt = log.indexOf('Input #0');
  const outAt = log.indexOf('Output #0');
  const inputText = inAt < 0 ? '' : log.slice(inAt, outAt > inAt ? outAt : undefined);
  const result: { -readonly [K in keyof FfmpegVideoLog]: FfmpegVideoLog[K] } = {};
  const v = VIDEO_STREAM.exec(inputText);
  if (v) {
    // Side data and the rotate tag follow the stream line, before the next stream.
    const after = inputText.slice(v.index + v[0].length);
    const next = after.search(/Stream #\d+:\d+/);
    const own = next < 0 ? after : after.slice(0, next);
    const tag = ROTATE_TAG.exec(own);
    const matrix = DISPLAY_MATRIX.exec(own);
    // The rotate tag is clockwise display rotation; the display matrix states it counter-clockwise.
    const rotation = tag ? Number(tag[1]) : matrix ? -Number(matrix[1]) : 0;
    const d = DURATION.exec(inputText);
    result.input = {
      codec: v[1], codedWidth: Number(v[2]), codedHeight: Number(v[3]),
      fps: rate(inputText.slice(v.index).split('\n')[0]),
      rotation: ((Math.round(rotation / 90) * 90) % 360 + 360) % 360,
      durationMs: d ? (Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3])) * 1000 : 0,
    };
  }
  if (outAt >= 0) {
    // Only a complete line: the log arrives in chunks and `320x1` may be the start of `320x180`.
    const o = /Stream #\d+:\d+[^:]*: Video: rawvideo[^\n]*?, (\d{1,5})x(\d{1,5})[^\n]*\n/.exec(log.slice(outAt));
    if (o) result.output = { width: Number(o[1]), height: Number(o[2]), fps: rate(o[0]) };
  }
  return result;
}
