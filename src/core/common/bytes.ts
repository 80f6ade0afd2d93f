/**
 * Bytes, base64, hex and UTF-8 with what both Node and browsers have (Uint8Array, TextEncoder, TextDecoder): core runs
 * in a web worker too, where there is no Buffer. The decoders read as Node's Buffer did, so results do not change.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Each character's 6-bit value; 64 marks a character that is skipped. base64url's - and _ are read as + and /. */
const SEXTETS = (() => {
  const table = new Uint8Array(128).fill(64);
  for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/**
 * Decodes base64 or base64url as Node's Buffer.from(text, 'base64') does: characters outside the alphabet (spaces,
 * line breaks) are skipped and the first '=' ends the data. Callers that must refuse such text check it first.
 */
export function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break; // '='
    const value = code < 128 ? (SEXTETS[code] as number) : 64;
    if (value === 64) continue;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}

/** Standard base64 with padding, as Buffer's toString('base64'). */
export function bytesToBase64(bytes: Uint8Array): string {
  // btoa (Node and browsers) encodes natively; it takes one character a byte.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Lower-case hex, two digits a byte. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** "AB:CD:…": upper-case hex with colons, as certificate fingerprints are shown (openssl, the AWS console). */
export function colonHex(bytes: Uint8Array): string {
  return bytesToHex(bytes)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF8_ENCODER = new TextEncoder();

/** UTF-8 text of the bytes, a byte-order mark kept and bad sequences as U+FFFD, as Buffer's toString('utf8'). */
export function utf8Decode(bytes: Uint8Array): string {
  return UTF8_DECODER.decode(bytes);
}

export function utf8Encode(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/** Each byte as one character (ISO-8859-1), as Buffer's toString('latin1'). */
export function latin1Decode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/** Bytes of the text in UTF-8 without encoding it (a lone surrogate counts 3, as its U+FFFD replacement). */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy in an ArrayBuffer of its own, as WebCrypto and asn1js take it. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}
