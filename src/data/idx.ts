/**
 * The IDX format of (Fashion-)MNIST: bytes 0..1 are zero, byte 2 the data type, byte 3 the
 * number of dimensions, then one big-endian uint32 per dimension, then the data. Files are
 * usually gzipped; both forms are accepted so an unpacked copy works too.
 */
import { gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { dataMessages as m } from './messages.js';

export interface IdxArray {
  dims: number[];
  /** Row-major unsigned bytes, dims.reduce(*) long. */
  data: Uint8Array;
}

const UBYTE = 0x08;
const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** Decompresses when the gzip magic is there; `file` only names the file in errors. */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new InputError(m.badGzip(file, (e as Error).message));
  }
}

function readHeader(bytes: Uint8Array, file: string): { dims: number[]; headerBytes: number } {
  if (bytes.length < 4) throw new InputError(m.idxTooShort(file, bytes.length));
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[3] === 0) throw new InputError(m.idxBadMagic(file, bytes.subarray(0, 4)));
  if (bytes[2] !== UBYTE) throw new InputError(m.idxBadType(file, bytes[2]));
  const ndims = bytes[3];
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new InputError(m.idxTooShort(file, bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  return { dims, headerBytes };
}

/** Parses one IDX file's bytes (gzipped or not); bad input is an InputError naming `file`. */
export function parseIdx(raw: Uint8Array, file: string): IdxArray {
  const bytes = maybeGunzip(raw, file);
  const { dims, headerBytes } = readHeader(bytes, file);
  const expectedBytes = dims.reduce((a, b) => a * b, 1);
  const actualBytes = bytes.length - headerBytes;
  if (actualBytes !== expectedBytes) throw new InputError(m.idxSizeMismatch(file, dims, expectedBytes, actualBytes));
  return { dims, data: bytes.subarray(headerBytes) };
}
