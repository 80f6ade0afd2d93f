import { inflateRawSync } from 'node:zlib';
import { InputError } from '../common/findings';
import { XML_LIMITS } from './xml';

/**
 * Turns what a user copied into the response XML: raw XML, base64 (HTTP-POST), URL-encoded base64 (a form body, with
 * or without `SAMLResponse=`), or DEFLATE + base64 (HTTP-Redirect).
 */
export function decodeSamlInput(input: string | Uint8Array): string {
  const raw = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (raw.length > XML_LIMITS.maxInputBytes || Buffer.byteLength(raw, 'utf8') > XML_LIMITS.maxInputBytes) {
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
  const bytes = Buffer.from(s, 'base64');
  const asText = bytes
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trim();
  if (asText.startsWith('<')) return asText;
  try {
    const inflated = inflateRawSync(bytes, { maxOutputLength: XML_LIMITS.maxBytes }).toString('utf8').trim();
    if (inflated.startsWith('<')) return inflated;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(
        `The DEFLATE data decompresses to more than ${XML_LIMITS.maxBytes / 1048576} MB, which no SAML response is; it was not read.`,
      );
    }
    // Not DEFLATE data either: fall through to the message below.
  }
  throw new InputError(
    'The base64 decodes to data that is neither XML nor DEFLATE-compressed XML; it is not a SAML response, or it is truncated.',
  );
}
