import zlib from 'node:zlib';

/** Bad or unsupported zip data; the caller turns it into an AurigError. */
export class ZipFormatError extends Error {}

/**
 * The entries of a zip archive (stored or deflated, zip64 sizes supported), read from the central
 * directory: name → uncompressed bytes.
 */
export function readZip(buf: Uint8Array): Map<string, Uint8Array> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: the last "PK\5\6" within the trailing 64 KiB comment window.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record (not a zip/npz file, or truncated)');
  let count = dv.getUint16(eocd + 10, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    // Zip64 end-of-central-directory locator just before the EOCD.
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw new ZipFormatError('zip64 archive without a zip64 locator');
    const z64 = Number(dv.getBigUint64(loc + 8, true));
    if (dv.getUint32(z64, true) !== 0x06064b50) throw new ZipFormatError('bad zip64 end-of-central-directory record');
    count = Number(dv.getBigUint64(z64 + 32, true));
    cdOffset = Number(dv.getBigUint64(z64 + 48, true));
  }
  const out = new Map<string, Uint8Array>();
  let p = cdOffset;
  for (let e = 0; e < count; e++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new ZipFormatError(`bad central directory entry ${e}`);
    const method = dv.getUint16(p + 10, true);
    let compSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true), extraLen = dv.getUint16(p + 30, true), commentLen = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(buf.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extended information: the 0xffffffff fields, in order size, compressed size, offset.
    for (let q = p + 46 + nameLen; q < p + 46 + nameLen + extraLen; ) {
      const id = dv.getUint16(q, true), len = dv.getUint16(q + 2, true);
      if (id === 0x0001) {
        let r = q + 4;
        if (size === 0xffffffff) { size = Number(dv.getBigUint64(r, true)); r += 8; }
        if (compSize === 0xffffffff) { compSize = Number(dv.getBigUint64(r, true)); r += 8; }
        if (localOffset === 0xffffffff) { localOffset = Number(dv.getBigUint64(r, true)); }
      }
      q += 4 + len;
    }
    if (dv.getUint32(localOffset, true) !== 0x04034b50) throw new ZipFormatError(`bad local header for '${name}'`);
    const start = localOffset + 30 + dv.getUint16(localOffset + 26, true) + dv.getUint16(localOffset + 28, true);
    const raw = buf.subarray(start, start + compSize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) data = new Uint8Array(zlib.inflateRawSync(raw));
    else throw new ZipFormatError(`entry '${name}' uses compression method ${method}; only stored (0) and deflate (8) are supported`);
    if (data.length !== size) throw new ZipFormatError(`entry '${name}' inflated to ${data.length} bytes, expected ${size}`);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
