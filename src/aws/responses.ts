/**
 * Shape checks for what AWS answers, applied where each response enters src/aws. An endpoint is hostile input: a
 * proxy, a captive portal or a wrong `endpoint` setting can answer anything, and a null or a number where a string
 * belongs must become one clear message, never a TypeError deep inside the tree or the CLI.
 */

/** A response that is not what the operation documents; `path` says where (`Users[3].Emails`). */
export class ResponseShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
    this.name = 'ResponseShapeError';
  }
}

type Json = Record<string, unknown>;
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const kind = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

/** The response itself (or a nested structure) must be an object. */
export function object(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ResponseShapeError(path, `is ${kind(v)}, not an object`);
  return v as Json;
}

/** An identifier or ARN the code relies on: a non-empty string. */
export function requiredString(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '')
    throw new ResponseShapeError(
      at(path, key),
      v === '' ? 'is empty' : v === undefined ? 'is missing' : `is ${kind(v)}, not a string`,
    );
  return v;
}

/** An optional string; null is taken as absent. */
export function optionalString(o: Json, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ResponseShapeError(at(path, key), `is ${kind(v)}, not a string`);
  return v;
}

export function optionalBoolean(o: Json, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new ResponseShapeError(at(path, key), `is ${kind(v)}, not true or false`);
  return v;
}

/** A timestamp as the SDK delivers it (a Date); returned as ISO-8601. */
export function optionalDate(o: Json, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof Date) || Number.isNaN(v.getTime()))
    throw new ResponseShapeError(at(path, key), `is ${kind(v)}, not a date`);
  return v.toISOString();
}

export function optionalObject(o: Json, key: string, path: string): Json | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return object(v, at(path, key));
}

/** A list of structures, each checked by `item`; absent or null is an empty list. */
export function list<T>(o: Json, key: string, path: string, item: (v: Json, path: string) => T): T[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ResponseShapeError(at(path, key), `is ${kind(v)}, not a list`);
  return v.map((entry, i) => item(object(entry, `${at(path, key)}[${i}]`), `${at(path, key)}[${i}]`));
}

/** One of a fixed set of values. */
export function oneOf<T extends string>(o: Json, key: string, path: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !values.includes(v as T))
    throw new ResponseShapeError(
      at(path, key),
      `is ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : kind(v)}, not one of ${values.join(', ')}`,
    );
  return v as T;
}

/** A page of a listing: its items and the token of the next page. */
export function page<T>(
  output: unknown,
  key: string,
  item: (v: Json, path: string) => T,
): { items: T[]; nextToken?: string } {
  const o = object(output, 'the response');
  return { items: list(o, key, '', item), nextToken: optionalString(o, 'NextToken', '') || undefined };
}
