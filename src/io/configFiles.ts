import { isAbsolute, resolve } from 'node:path';
import { referencedFiles } from '../core/config/file';
import { LoadedFile } from '../core/common/loadedFile';
import { ReadLimits, readFileBounded } from './files';

/**
 * Reads, within their size caps, the files a config names (paths relative to the config's folder). Used by the CLI
 * and the extension alike; the extension passes `allowedRoots` in an untrusted workspace.
 */
export async function readReferencedFiles(
  text: string,
  baseDir: string,
  limits: Omit<ReadLimits, 'maxBytes'> = {},
): Promise<Map<string, LoadedFile>> {
  const files = new Map<string, LoadedFile>();
  await Promise.all(
    referencedFiles(text).map(async (ref) => {
      const path = isAbsolute(ref.path) ? ref.path : resolve(baseDir, ref.path);
      files.set(ref.path, await readFileBounded(path, { ...limits, maxBytes: ref.maxBytes }));
    }),
  );
  return files;
}
