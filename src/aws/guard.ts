import type { Readable } from 'node:stream';
import { MAX_RESPONSE_BYTES } from './connection';

/**
 * Looks at each raw HTTP answer before the SDK parses it. The SDK would report an HTML error page as "SyntaxError:
 * Unexpected token '<'", a redirect as "UnknownError" and an empty 200 as an empty result ("no instance"); this turns
 * each into an EndpointAnswerError that errors.ts words for the user. It also bounds the body's size and read time.
 */
export type AnswerProblem = 'redirect' | 'empty' | 'not-json' | 'too-large' | 'slow';

export class EndpointAnswerError extends Error {
  constructor(
    readonly problem: AnswerProblem,
    readonly status: number,
    /** The Location of a redirect, or the content type of a body that is not JSON. */
    readonly detail?: string,
  ) {
    super(`HTTP ${status}: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'EndpointAnswerError';
  }
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

const header = (headers: RawResponse['headers'], name: string) =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];

/** Reads a body within `maxBytes` and `timeoutMs`; a body still arriving after that is cut off. */
export function readBody(body: unknown, status: number, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return Promise.resolve(body);
  if (!body || typeof (body as Readable).on !== 'function') return Promise.resolve(new Uint8Array());
  const stream = body as Readable;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: Error) => {
      clearTimeout(timer);
      stream.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new EndpointAnswerError('slow', status)), timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new EndpointAnswerError('too-large', status));
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (err) => fail(err));
  });
}

/** What is wrong with an answer, judged from its status, headers and body; undefined when the SDK may parse it. */
export function answerProblem(response: RawResponse, body: Uint8Array): EndpointAnswerError | undefined {
  const status = response.statusCode;
  if (status >= 300 && status < 400)
    return new EndpointAnswerError('redirect', status, header(response.headers, 'location'));
  // awsJson1_1: every answer, success or error, is a JSON object.
  let first = 0;
  while (
    first < body.length &&
    (body[first] === 0x20 || body[first] === 0x0a || body[first] === 0x0d || body[first] === 0x09)
  )
    first++;
  if (first === body.length) return new EndpointAnswerError('empty', status);
  if (body[first] !== 0x7b /* { */) {
    return new EndpointAnswerError('not-json', status, header(response.headers, 'content-type')?.split(';')[0]?.trim());
  }
  return undefined;
}

/** The middleware, for `client.middlewareStack.add(…, { step: 'deserialize', priority: 'low' })`. */
export function responseGuard(timeoutMs: number, maxBytes = MAX_RESPONSE_BYTES) {
  return <Args, Out extends { response: unknown }>(next: (args: Args) => Promise<Out>) =>
    async (args: Args): Promise<Out> => {
      const result = await next(args);
      const response = result.response as RawResponse;
      const body = await readBody(response.body, response.statusCode, maxBytes, timeoutMs);
      // The SDK's body collector takes a Uint8Array as it is.
      response.body = body;
      const problem = answerProblem(response, body);
      if (problem) throw problem;
      return result;
    };
}
