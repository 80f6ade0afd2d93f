/**
 * A user's own providers: `*.sso-provider.json` files, checked by validateProviderFile, and which definition a config's
 * `serviceProvider.id` then names. Pure: the caller (VS Code's linter, `frontline-sso lint --provider-file`) finds and
 * reads the files within the bounds below, and says which ones come from an untrusted workspace.
 */
import { Finding } from '../common/findings';
import { ProviderFileResult, validateProviderFile } from './format';
import { BUILTIN_PROVIDERS } from './registry';
import { ProviderDefinition } from './types';

/**
 * Most provider files read (a workspace's, and the providers folder's, each). A team has a handful; a repository with
 * hundreds is not a set of definitions, and reading them all would cost every lint.
 */
export const MAX_PROVIDER_FILES = 50;

/** A user's provider file, checked. */
export interface UserProviderFile {
  /** How the file is named to the user: a workspace-relative path, or the path given on the command line. */
  name: string;
  /** The id the file declares, when it can be read (even from a broken file). */
  id?: string;
  /** The definition, when the file has no error. */
  definition?: ProviderDefinition;
  /** The file's errors (empty when it is usable). */
  errors: Finding[];
  /** Defined in an untrusted workspace: the file is checked, but configs do not use it until the workspace is trusted. */
  untrusted?: boolean;
}

export const BUILTIN_PROVIDER_IDS: readonly string[] = BUILTIN_PROVIDERS.map((p) => p.id);

/** Checks a provider file's text (see validateProviderFile), keeping what a config naming it needs to know. */
export function readUserProviderFile(
  name: string,
  text: string,
  options: { untrusted?: boolean } = {},
): UserProviderFile & { result: ProviderFileResult } {
  const result = validateProviderFile(text, BUILTIN_PROVIDER_IDS);
  return {
    name,
    id: result.id?.value,
    definition: result.definition,
    errors: result.findings.filter((f) => f.severity === 'error'),
    ...(options.untrusted ? { untrusted: true } : {}),
    result,
  };
}

/** What a config's `serviceProvider.id` names, among the built-in providers and the user's. */
export type NamedProvider =
  | { kind: 'builtin'; definition: ProviderDefinition }
  | { kind: 'user'; definition: ProviderDefinition; file: UserProviderFile }
  | { kind: 'broken'; file: UserProviderFile }
  | { kind: 'untrusted'; file: UserProviderFile }
  | { kind: 'duplicate'; files: UserProviderFile[] }
  | { kind: 'unknown' };

/**
 * The provider an id names. A built-in id is always the built-in provider: a user file may not replace one (the file
 * itself reports provider-file-id-builtin), so a repository cannot change what a known provider is checked against.
 */
export function nameProvider(id: string, userFiles: readonly UserProviderFile[] = []): NamedProvider {
  const builtin = BUILTIN_PROVIDERS.find((p) => p.id === id);
  if (builtin) return { kind: 'builtin', definition: builtin };
  const files = userFiles.filter((f) => f.id === id);
  if (files.length > 1) return { kind: 'duplicate', files };
  const file = files[0];
  if (!file) return { kind: 'unknown' };
  if (file.untrusted) return { kind: 'untrusted', file };
  return file.definition ? { kind: 'user', definition: file.definition, file } : { kind: 'broken', file };
}

/** The usable user definitions (not broken, not from an untrusted workspace, not built-in ids, not defined twice). */
export function usableUserProviders(userFiles: readonly UserProviderFile[]): ProviderDefinition[] {
  const out: ProviderDefinition[] = [];
  for (const file of userFiles) {
    const named = file.id !== undefined ? nameProvider(file.id, userFiles) : undefined;
    if (named?.kind === 'user' && named.file === file) out.push(named.definition);
  }
  return out;
}

/** The other files that declare the same id as `file` (the duplicate-id check of a provider file). */
export function sameIdFiles(file: { name: string; id?: string }, userFiles: readonly UserProviderFile[]): string[] {
  if (file.id === undefined) return [];
  return userFiles.filter((f) => f.id === file.id && f.name !== file.name).map((f) => f.name);
}
