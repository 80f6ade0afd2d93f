import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permissions of a new file (and of the file after the write, unless `keepMode`). */
  mode: number;
  /** Keep the permissions of the file being replaced (a user's ~/.aws/config); new files get `mode`. */
  keepMode?: boolean;
  /** Permissions of folders created on the way (~/.aws/sso/cache: 0700, as the AWS CLI makes it). */
  dirMode?: number;
}

/**
 * Replaces a file so that a reader sees the old content or the new one, never half of it: the data goes to a new
 * file next to the target, is flushed, and is renamed over it. A link is followed, so a ~/.aws/config kept in a
 * dotfiles folder stays a link and its target is updated. The permissions are set explicitly (the umask does not
 * widen or narrow them).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const target = await realpath(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return path;
    throw err;
  });
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  let mode = options.mode;
  if (options.keepMode) {
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile()) mode = existing.mode & 0o777;
  }
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': a file already at the temporary name (which nobody can predict) is an error, never overwritten.
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode);
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
