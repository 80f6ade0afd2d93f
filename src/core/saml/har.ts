import { ScanError, SyntaxKind, createScanner } from 'jsonc-parser';
import { InputError } from '../common/findings';

/**
 * SAML responses in a HAR file (browser DevTools → Network → "Save all as HAR"; docs/domain.md §7): every request
 * that carries a SAMLResponse, in a form-encoded body, in postData.params or in the query string.
 *
 * A HAR file holds every response body of the session too, so it is read as a stream of JSON tokens (jsonc-parser's
 * scanner) and only the few request fields needed are kept: no object tree is built, nesting cannot overflow the
 * stack, and memory stays near the size of the text itself.
 */

/** The largest HAR file read (DevTools saves response bodies too; a sign-in alone is far smaller). */
export const MAX_HAR_BYTES = 50 * 1024 * 1024;
/** At most this many SAML requests are listed; a HAR file of one sign-in has one or two. */
export const MAX_HAR_RESPONSES = 100;
const MAX_JSON_DEPTH = 64;

export interface HarSamlRequest {
  /** 1-based position among the SAML requests of the file (what `--index` takes). */
  index: number;
  /** 1-based position of the request among all the file's entries. */
  entry: number;
  startedDateTime: string | null;
  method: string | null;
  url: string | null;
  /** Where the SAMLResponse was: a form body, postData.params, or the query string. */
  source: 'form body' | 'form parameters' | 'query string';
  /** The SAMLResponse value as the request carried it (URL-encoded or not): for decodeSamlInput. */
  samlResponse: string;
}

/** Whether a text looks like a HAR file (a JSON object with log.entries) rather than a SAML response. */
export function looksLikeHar(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\ufeff/, '')
    .trimStart();
  return head.startsWith('{') && /"log"\s*:/.test(text.slice(0, 65536));
}

type Frame =
  | { array: false; key: string | undefined; expect: 'key' | 'colon' | 'value' | 'comma'; count: number }
  | {
      array: true;
      index: number;
      expect: 'value' | 'comma';
      count: number;
    };

interface EntryFields {
  startedDateTime?: string;
  method?: string;
  url?: string;
  formBody?: string;
  params: Array<{ name?: string; value?: string }>;
  query: Array<{ name?: string; value?: string }>;
}

function samlValue(fields: EntryFields): { value: string; source: HarSamlRequest['source'] } | undefined {
  const param = fields.params.find((p) => p.name === 'SAMLResponse' && p.value);
  // Base64 has no spaces: a space in a decoded parameter was a "+" the form encoding turned into one.
  if (param?.value) return { value: param.value.replace(/ /g, '+'), source: 'form parameters' };
  const body = fields.formBody && /(?:^|&)SAMLResponse=([^&]*)/.exec(fields.formBody.trim());
  if (body?.[1]) return { value: body[1], source: 'form body' };
  const query = fields.query.find((p) => p.name === 'SAMLResponse' && p.value);
  if (query?.value) return { value: query.value.replace(/ /g, '+'), source: 'query string' };
  const inUrl = fields.url && /[?&]SAMLResponse=([^&#]*)/.exec(fields.url);
  if (inUrl?.[1]) return { value: inUrl[1], source: 'query string' };
  return undefined;
}

/** Finds the SAML requests of a HAR file. Throws InputError when the text is not a HAR file. */
export function findSamlRequestsInHar(text: string): HarSamlRequest[] {
  if (text.length > MAX_HAR_BYTES) {
    throw new InputError(
      `The HAR file is larger than ${MAX_HAR_BYTES / 1048576} MB; save one with only the sign-in (clear the Network panel, sign in, then save).`,
    );
  }
  const scanner = createScanner(text.replace(/^\ufeff/, ''), true);
  const stack: Frame[] = [];
  const found: HarSamlRequest[] = [];
  let entries = 0;
  let entry: EntryFields | undefined;
  let sawLog = false;
  let rootDone = false;

  const fail = (what: string): never => {
    const line = scanner.getTokenStartLine() + 1;
    const column = scanner.getTokenStartCharacter() + 1;
    throw new InputError(`This is not a valid HAR file: ${what} at line ${line}, column ${column}.`);
  };
  /** Whether the value being read is inside log.entries[i] (the entry object itself at depth 4). */
  const inEntries = () =>
    stack.length >= 4 &&
    !stack[0]!.array &&
    stack[0]!.key === 'log' &&
    !stack[1]!.array &&
    stack[1]!.key === 'entries' &&
    stack[2]!.array;
  const setField = (
    list: EntryFields['params'],
    i: string | number | undefined,
    field: string | number | undefined,
    v: string,
  ) => {
    if (typeof i === 'number' && (field === 'name' || field === 'value')) (list[i] ??= {})[field] = v;
  };

  const value = (v: string | undefined) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (rootDone) fail('more than one value');
      return;
    }
    if (top.expect !== 'value') fail('a value where a comma, colon or key belongs');
    top.expect = 'comma';
    top.count++;
    if (v === undefined || !entry || !inEntries()) return;
    // The keys from the entry down to this value (entry.request.postData.text is depth 6), read without building
    // a path for every value of a large file.
    const depth = stack.length;
    const key = (i: number) => {
      const f = stack[i]!;
      return f.array ? f.index : f.key;
    };
    if (depth === 4) {
      if (key(3) === 'startedDateTime') entry.startedDateTime = v;
    } else if (key(3) !== 'request') {
      return;
    } else if (depth === 5 && key(4) === 'method') entry.method = v;
    else if (depth === 5 && key(4) === 'url') entry.url = v;
    else if (depth === 6 && key(4) === 'postData' && key(5) === 'text' && v.includes('SAMLResponse=')) {
      entry.formBody = v;
    } else if (depth === 8 && key(4) === 'postData' && key(5) === 'params') {
      setField(entry.params, key(6), key(7), v);
    } else if (depth === 7 && key(4) === 'queryString') {
      setField(entry.query, key(5), key(6), v);
    }
  };

  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (scanner.getTokenError() !== ScanError.None) fail('a broken string, number or character');
    const top = stack[stack.length - 1];
    switch (token) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        if (!top && rootDone) fail('more than one value');
        if (top) value(undefined);
        if (stack.length >= MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
        stack.push(
          token === SyntaxKind.OpenBraceToken
            ? { array: false, key: undefined, expect: 'key', count: 0 }
            : { array: true, index: 0, expect: 'value', count: 0 },
        );
        if (stack.length === 4 && inEntries()) entry = { params: [], query: [] };
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken: {
        const closesArray = token === SyntaxKind.CloseBracketToken;
        if (!top || top.array !== closesArray) fail(`an unexpected "${closesArray ? ']' : '}'}"`);
        if (top!.expect !== 'comma' && top!.count > 0) fail('a trailing comma');
        if (stack.length === 4 && entry && inEntries()) {
          entries++;
          const saml = samlValue(entry);
          if (saml && found.length < MAX_HAR_RESPONSES) {
            found.push({
              index: found.length + 1,
              entry: entries,
              startedDateTime: entry.startedDateTime ?? null,
              method: entry.method ?? null,
              url: entry.url ?? null,
              source: saml.source,
              samlResponse: saml.value,
            });
          }
          entry = undefined;
        }
        stack.pop();
        if (stack.length === 0) rootDone = true;
        break;
      }
      case SyntaxKind.CommaToken:
        if (!top || top.expect !== 'comma') fail('an unexpected comma');
        if (top!.array) {
          top!.index++;
          top!.expect = 'value';
        } else top!.expect = 'key';
        break;
      case SyntaxKind.ColonToken:
        if (!top || top.array || top.expect !== 'colon') fail('an unexpected colon');
        top!.expect = 'value';
        break;
      case SyntaxKind.StringLiteral:
        if (top && !top.array && top.expect === 'key') {
          top.key = scanner.getTokenValue();
          top.expect = 'colon';
          if (stack.length === 1 && top.key === 'log') sawLog = true;
        } else value(scanner.getTokenValue());
        break;
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.NullKeyword:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        value(undefined);
        break;
      default:
        fail('a character that is not JSON');
    }
  }
  if (stack.length > 0) fail('the end of the text before the JSON is closed (the file is truncated)');
  if (!sawLog) throw new InputError('This JSON is not a HAR file: it has no "log" with "entries".');
  return found;
}
