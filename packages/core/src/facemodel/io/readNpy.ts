import { decodeNumpyBytes, type NdArray } from './NdArray.ts';
import { readPickle } from './readPickle.ts';

/**
 * Parse one .npy file (format versions 1–3). Object arrays ('|O', e.g. a scipy sparse matrix
 * saved with allow_pickle) come back as the unpickled value.
 */
export function readNpy(buf: Uint8Array): NdArray | unknown {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (!magic.every((b, i) => buf[i] === b)) throw new Error('not a .npy file (bad magic)');
  const major = buf[6];
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(buf.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*True/.test(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new Error(`bad .npy header: ${header.trim()}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const body = buf.subarray(headerStart + headerLen);
  if (descr === '|O') return readPickle(body);
  return decodeNumpyBytes(body, descr, shape, fortran);
}
