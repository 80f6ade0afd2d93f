import { Inflate } from 'fflate';
import { base64ToBytes, utf8Decode, utf8Length } from '../common/bytes';
import { InputError } from '../common/findings';
import { XML_LIMITS } from './xml';

/**
 * Turns what a user copied into the response XML: raw XML, base64 (HTTP-POST), URL-encoded base64 (a form body, with
 * or without `SAMLResponse=`), or DEFLATE + base64 (HTTP-Redirect).
 */
export function decodeSamlInput(input: string | Uint8Array): string {
  const raw = typeof input === 'string' ? input : utf8Decode(input);
  if (raw.length > XML_LIMITS.maxInputBytes || utf8Length(raw) > XML_LIMITS.maxInputBytes) {
    throw new InputError('The input is larger than 5 MB, which no SAML response is; it was not read.');
  }
  let s = raw.replace(/^\ufeff/, '').trim();
  if (s === '')
    throw new InputError("The input is empty: paste a SAMLResponse (base64 from the browser's form data, or the XML).");
  if (s.startsWith('<')) return s;
  const field = /(?:^|[?&\s])SAMLResponse=([^&\s]*)/.exec(s) ?? /^SAMLResponse=([^&\s]*)/.exec(s);
  if (field) s = field[1] as string;
  if (/%[0-9A-Fa-f]{2}/.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      throw new InputError('The input looks URL-encoded but has a broken %-escape; copy the SAMLResponse value again.');
    }
  }
  s = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) {
    throw new InputError(
      'The input is neither XML nor base64 (it may be truncated or contain other text); copy the whole SAMLResponse value.',
    );
  }
  const bytes = base64ToBytes(s);
  const asText = utf8Decode(bytes)
    .replace(/^\ufeff/, '')
    .trim();
  if (asText.startsWith('<')) return asText;
  const inflated = inflateBounded(bytes, XML_LIMITS.maxBytes);
  if (inflated === 'too large') {
    throw new InputError(
      `The DEFLATE data decompresses to more than ${XML_LIMITS.maxBytes / 1048576} MB, which no SAML response is; it was not read.`,
    );
  }
  // Not DEFLATE data either: the message below.
  if (inflated?.trim().startsWith('<')) return inflated.trim();
  throw new InputError(
    'The base64 decodes to data that is neither XML nor DEFLATE-compressed XML; it is not a SAML response, or it is truncated.',
  );
}

class TooLarge extends Error {}
/** Input fed to the inflater at a time: DEFLATE expands at most about 1,032 times, so one step makes at most ~1 MB. */
const INFLATE_STEP = 1024;

/**
 * Raw DEFLATE (HTTP-Redirect binding) decompressed as UTF-8 text, stopping as soon as the output passes `maxBytes`
 * ('too large'); undefined when the data is not DEFLATE.
 */
function inflateBounded(bytes: Uint8Array, maxBytes: number): string | 'too large' | undefined {
  const parts: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    parts.push(chunk);
  });
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_STEP) inflater.push(bytes.subarray(at, at + INFLATE_STEP));
    inflater.push(new Uint8Array(0), true);
  } catch (err) {
    return err instanceof TooLarge ? 'too large' : undefined;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return utf8Decode(out);
}
