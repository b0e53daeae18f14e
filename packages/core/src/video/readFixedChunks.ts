import type { Readable } from 'node:stream';

/** Bytes left over after the last whole chunk, filled in when the stream ends. */
export interface ChunkTail {
  partialBytes: number;
}

/**
 * Cut a byte stream into chunks of exactly `size` bytes (one video frame each), each in its own
 * new buffer the consumer may keep. Pulls from the stream only when the consumer asks for the
 * next chunk, so a slow consumer pauses the producer (backpressure); at most one chunk plus the
 * stream's own buffer is in memory.
 */
export async function* readFixedChunks(stream: Readable, size: number, tail: ChunkTail = { partialBytes: 0 }): AsyncGenerator<Uint8Array> {
  let buf = new Uint8Array(size);
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(size - filled, chunk.length - off);
      buf.set(chunk.subarray(off, off + n), filled);
      filled += n;
      off += n;
      if (filled === size) {
        yield buf;
        buf = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  tail.partialBytes = filled;
}
