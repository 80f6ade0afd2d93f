/**
 * Paths inside URIs (always `/`-separated, already normalised by `vscode.Uri`), without Node's `path`, which the
 * browser does not have.
 */

/** The path from folder `from` to `to`, as Node's `path.posix.relative` gives it ('' when they are the same). */
export function relativeUriPath(from: string, to: string): string {
  const fromParts = from.split('/').filter(Boolean);
  const toParts = to.split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

/** The folder part of a URI path, as Node's `path.posix.dirname` gives it. */
export function uriDirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : trimmed.slice(0, slash);
}

/** UTF-8 text from bytes, as Node's `Buffer.toString('utf8')` decodes it (a byte-order mark is kept). */
export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
