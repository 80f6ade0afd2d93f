import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { describeSize } from '../core/common/text';

/**
 * Reading files that untrusted input names (a config's certificateFile, a path on the command line) without letting
 * the file decide how long or how much we read: the target is resolved through symlinks, must be a regular file, and
 * its size cap is checked before reading and enforced while reading. A FIFO, a device or a folder is refused before it
 * is opened, and the open itself cannot block (O_NONBLOCK), so nothing here waits on a writer that never comes.
 */
export type ReadProblem = 'missing' | 'not-file' | 'too-large' | 'outside-workspace' | 'loop' | 'unreadable';

export type FileRead = { ok: true; bytes: Buffer; path: string } | { ok: false; problem: ReadProblem; message: string };

export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** When set, only files whose real path (symlinks resolved) lies inside one of these folders are read. */
  allowedRoots?: readonly string[];
  /** Why the roots are restricted, for the message (for example "the workspace is not trusted"). */
  rootsReason?: string;
}

const KIND: Array<[(s: import('node:fs').Stats) => boolean, string]> = [
  [(s) => s.isDirectory(), 'a folder'],
  [(s) => s.isFIFO(), 'a named pipe (FIFO)'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
  [(s) => s.isSocket(), 'a socket'],
  [(s) => s.isSymbolicLink(), 'a symbolic link'],
];

function kindOf(s: import('node:fs').Stats): string {
  return KIND.find(([test]) => test(s))?.[1] ?? 'not a regular file';
}

/** Whether `path` is `root` or lies under it (both absolute, compared as given: resolve links first). */
export function isInside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r) && !r.startsWith(`..${sep}`));
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/** Reads a file within the limits. Never throws for file-system reasons: the result says what went wrong. */
export async function readFileBounded(path: string, limits: ReadLimits): Promise<FileRead> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (err) {
    return failure(err, path);
  }
  const link = (await lstat(path).then(
    (l) => l.isSymbolicLink(),
    () => false,
  ))
    ? ` (a link to ${real})`
    : '';
  if (limits.allowedRoots) {
    const roots = await Promise.all(limits.allowedRoots.map((r) => realpath(r).catch(() => resolve(r))));
    if (!roots.some((root) => isInside(real, root))) {
      return {
        ok: false,
        problem: 'outside-workspace',
        message: `it is outside the workspace folder${link}, and ${limits.rootsReason ?? 'files outside it are not read'}`,
      };
    }
  }
  let info;
  try {
    info = await stat(real);
  } catch (err) {
    return failure(err, path);
  }
  if (!info.isFile()) return { ok: false, problem: 'not-file', message: `it is ${kindOf(info)}${link}, not a file` };
  if (info.size > limits.maxBytes) return tooLarge(info.size, limits.maxBytes);
  let handle;
  try {
    handle = await open(real, READ_FLAGS);
  } catch (err) {
    return failure(err, path);
  }
  try {
    // The path may have been swapped between stat and open: check what was opened.
    const opened = await handle.stat();
    if (!opened.isFile()) return { ok: false, problem: 'not-file', message: `it is ${kindOf(opened)}, not a file` };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, limits.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      // A file that grows while it is read is cut off at the cap, not read to its new end.
      if (total > limits.maxBytes) return tooLarge(limits.maxBytes, limits.maxBytes, true);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total), path: real };
  } catch (err) {
    return failure(err, path);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function tooLarge(size: number, max: number, growing = false): FileRead {
  return {
    ok: false,
    problem: 'too-large',
    message: `it ${growing ? 'has over' : 'has'} ${size.toLocaleString('en-US')} bytes; files over ${describeSize(max)} are not read`,
  };
}

function failure(err: unknown, path: string): FileRead {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', message: 'no such file' };
  if (code === 'ELOOP') return { ok: false, problem: 'loop', message: 'it is a symbolic link that loops' };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, problem: 'unreadable', message: 'permission denied' };
  if (code === 'EISDIR') return { ok: false, problem: 'not-file', message: 'it is a folder, not a file' };
  if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
    return { ok: false, problem: 'not-file', message: 'it cannot be read without waiting (not a regular file)' };
  }
  return { ok: false, problem: 'unreadable', message: `${path}: ${code ?? (err as Error).message}` };
}

/**
 * Reads a stream (standard input) up to a cap; stops reading, and says so, as soon as the cap is passed, and gives up
 * after `timeoutMs` without data so that a forgotten pipe does not hang a CI job.
 */
export function readStreamBounded(
  stream: NodeJS.ReadableStream & { destroy?: () => void },
  maxBytes: number,
  timeoutMs = 0,
): Promise<FileRead> {
  return new Promise((resolvePromise) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: FileRead) => {
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      if (!result.ok) stream.destroy?.();
      resolvePromise(result);
    };
    const arm = () => {
      if (timeoutMs <= 0) return;
      clearTimeout(timer);
      timer = setTimeout(
        () => finish({ ok: false, problem: 'unreadable', message: `no data arrived for ${timeoutMs / 1000} s` }),
        timeoutMs,
      );
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buffer.length;
      if (total > maxBytes) return finish(tooLarge(maxBytes, maxBytes, true));
      chunks.push(buffer);
      arm();
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, total), path: '-' });
    const onError = (err: Error) => finish({ ok: false, problem: 'unreadable', message: err.message });
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    arm();
  });
}
