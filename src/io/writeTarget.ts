import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside } from './files';

/** Where a file may be written, or why not (a reason that completes "… was not written: "). */
export type WriteTarget = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Checks a path that untrusted input chose (a config's `metadataFile`) before anything is written there: its real
 * location, links resolved, must lie inside `root` (the workspace folder), and the file itself must not be a link,
 * since a committed link (`meta.xml -> ~/.bashrc`) would carry the write anywhere. Folders that do not exist yet
 * are judged by their nearest existing ancestor. Returns the real path to write to.
 */
export async function writeTargetInside(root: string, path: string): Promise<WriteTarget> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { ok: false, reason: `the workspace folder ${root} cannot be read` };
  }
  const wanted = resolve(path);
  // The nearest folder on the way that exists, resolved through links; the rest of the path is appended as written.
  let existing = dirname(wanted);
  const missing: string[] = [];
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real) {
      existing = real;
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) return { ok: false, reason: 'none of its folders exists' };
    missing.unshift(basename(existing));
    existing = parent;
  }
  const target = join(existing, ...missing, basename(wanted));
  if (!isInside(target, realRoot)) {
    const via = isInside(wanted, resolve(root)) ? ` (through a link, it is ${target})` : '';
    return { ok: false, reason: `it is outside the workspace folder${via}` };
  }
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    const to = await realpath(target).catch(() => 'a path that does not exist');
    return { ok: false, reason: `it is a symbolic link (to ${to}), and links are not written through` };
  }
  if (info && !info.isFile()) return { ok: false, reason: 'it exists and is not a regular file' };
  return { ok: true, path: target };
}
