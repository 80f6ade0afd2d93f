/**
 * The little DER reading the certificate decoder needs beyond @peculiar/asn1-x509's classes: raw attribute values of
 * names (their string type decides how they print), object identifiers and integers. Bounded by the input: every
 * read checks its length against the bytes that hold it.
 */

import { bytesToHex } from '../common/bytes';

export interface DerElement {
  tag: number;
  /** Offset of the first content byte, and of the byte after the last. */
  start: number;
  end: number;
  /** Offset of the tag byte (the element's whole encoding is bytes[offset..end)). */
  offset: number;
}

export class DerError extends Error {}

/** The element whose tag is at `offset`, within `limit`. Throws DerError when it does not fit. */
export function readElement(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used in certificates');
  let length = bytes[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] as number);
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start, end, offset };
}

/** The elements inside a constructed element (a SEQUENCE or SET). */
export function children(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = readElement(bytes, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Dotted text of an OBJECT IDENTIFIER's content. */
export function oidText(bytes: Uint8Array, element: DerElement): string {
  const arcs: string[] = [];
  let value = 0n;
  for (let i = element.start; i < element.end; i++) {
    const byte = bytes[i] as number;
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      if (arcs.length === 0) {
        const first = value < 80n ? value / 40n : 2n;
        arcs.push(String(first), String(value - first * 40n));
      } else arcs.push(String(value));
      value = 0n;
    }
  }
  return arcs.join('.');
}

/** An unsigned big-endian integer. */
export function unsignedInteger(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

/** Bits of a positive INTEGER's content (leading zero bytes ignored). */
export function integerBits(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}
