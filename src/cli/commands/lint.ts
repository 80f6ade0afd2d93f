import { dirname, resolve } from 'node:path';
import { InputError, isInputError } from '../../core/common/findings';
import { FileKind, fileKindOf, isProviderFileName, lintProviderText, lintText } from '../../core/lint';
import {
  MAX_PROVIDER_FILES,
  MAX_PROVIDER_FILE_BYTES,
  UserProviderFile,
  readUserProviderFile,
} from '../../core/providers';
import { MAX_JSON_BYTES } from '../../core/common/limits';
import { lineColumn, lineStarts } from '../../core/common/text';
import { readReferencedFiles } from '../../io/configFiles';
import { loadSaml } from '../../lazyParts';
import {
  Command,
  EXIT_FINDINGS,
  EXIT_INPUT,
  EXIT_OK,
  OptionValue,
  Io,
  printJson,
  readInput,
  stringOption,
} from '../io';

interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

type LintKind = FileKind | 'provider';

/** The `--provider-file` options, read within the provider file size cap and checked (not yet reported). */
async function readProviderFiles(io: Io, options: Record<string, OptionValue>): Promise<UserProviderFile[]> {
  const raw = options['provider-file'];
  const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  if (names.length > MAX_PROVIDER_FILES)
    throw new InputError(`--provider-file is given ${names.length} times; at most ${MAX_PROVIDER_FILES}.`);
  const out: UserProviderFile[] = [];
  for (const name of names) {
    const text = (await readInput(io, name, 'provider', MAX_PROVIDER_FILE_BYTES)).toString('utf8');
    out.push(readUserProviderFile(name, text));
  }
  return out;
}

async function lintFile(
  io: Io,
  file: string,
  forced: LintKind | undefined,
  providers: readonly UserProviderFile[],
): Promise<{ file: string; diagnostics: Diagnostic[] }> {
  const kind: LintKind = forced ?? (isProviderFileName(file) ? 'provider' : (fileKindOf(file) ?? 'config'));
  const maxBytes = kind === 'provider' ? MAX_PROVIDER_FILE_BYTES : MAX_JSON_BYTES;
  const text = (await readInput(io, file, kind, maxBytes)).toString('utf8');
  const files = kind === 'config' ? await readReferencedFiles(text, dirname(resolve(io.cwd, file))) : undefined;
  const starts = lineStarts(text);
  const findings =
    kind === 'provider'
      ? lintProviderText(text, { name: file, providers })
      : lintText(text, {
          kind,
          now: io.now(),
          files,
          parseMetadata: (xml) => loadSaml().parseIdpMetadata(xml),
          providers,
        });
  return {
    file,
    diagnostics: findings.map((f) => {
      const span = f.span ?? { offset: 0, length: 0 };
      const start = lineColumn(starts, span.offset);
      const end = lineColumn(starts, span.offset + span.length);
      return {
        code: f.code,
        severity: f.severity,
        message: f.message,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
      };
    }),
  };
}

export const lint: Command = {
  usage: `lint <files...>             lint frontline-sso.json, *.attribute-mappings.json and *.sso-provider.json files
                                --kind config|mappings|provider  when the file name does not tell
                                --provider-file FILE   your own provider (*.sso-provider.json), for the configs
                                  that name its id; repeatable`,
  options: { kind: { type: 'string' }, 'provider-file': { type: 'string', multiple: true } },
  async run({ positionals, options }: { positionals: string[]; options: Record<string, OptionValue> }, io, json) {
    if (positionals.length === 0) throw new InputError('Give one or more files: frontline-sso lint frontline-sso.json');
    const forced = stringOption(options, 'kind');
    if (forced !== undefined && forced !== 'config' && forced !== 'mappings' && forced !== 'provider')
      throw new InputError('--kind is config, mappings or provider.');
    // An unreadable provider file is unusable input (exit 2); a broken one is reported on the configs that name it.
    const providers = await readProviderFiles(io, options);
    // Each provider file given is linted too, unless it is also among the files to lint.
    const files = [...positionals, ...providers.map((p) => p.name).filter((name) => !positionals.includes(name))];
    // One file that cannot be read does not take the other files' results with it.
    let unreadable = false;
    const results = [];
    for (const file of files) {
      try {
        results.push(await lintFile(io, file, positionals.includes(file) ? forced : 'provider', providers));
      } catch (err) {
        if (!isInputError(err)) throw err;
        unreadable = true;
        io.stderr(`frontline-sso lint: ${err.message}\n`);
        results.push({
          file,
          diagnostics: [
            {
              code: 'file-unreadable',
              severity: 'error',
              message: err.message,
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 1,
            },
          ],
        });
      }
    }
    if (json) printJson(io, results);
    else
      for (const r of results) {
        io.stdout(
          r.diagnostics.length === 0
            ? `${r.file}: ✓ no problems found\n`
            : r.diagnostics
                .map((d) => `${r.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.code}]\n`)
                .join(''),
        );
      }
    if (unreadable) return EXIT_INPUT;
    return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
  },
};
