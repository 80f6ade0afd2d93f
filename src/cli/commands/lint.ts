import { dirname, resolve } from 'node:path';
import { InputError, isInputError } from '../../core/common/findings';
import { FileKind, fileKindOf, lintText } from '../../core/lint';
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

async function lintFile(
  io: Io,
  file: string,
  forced: FileKind | undefined,
): Promise<{ file: string; diagnostics: Diagnostic[] }> {
  const text = (await readInput(io, file, 'config', MAX_JSON_BYTES)).toString('utf8');
  const kind: FileKind = forced ?? fileKindOf(file) ?? 'config';
  const files = kind === 'config' ? await readReferencedFiles(text, dirname(resolve(io.cwd, file))) : undefined;
  const starts = lineStarts(text);
  const findings = lintText(text, {
    kind,
    now: io.now(),
    files,
    parseMetadata: (xml) => loadSaml().parseIdpMetadata(xml),
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
  usage: `lint <files...>             lint frontline-sso.json and *.attribute-mappings.json files
                                --kind config|mappings  when the file name does not tell`,
  options: { kind: { type: 'string' } },
  async run({ positionals, options }: { positionals: string[]; options: Record<string, OptionValue> }, io, json) {
    if (positionals.length === 0) throw new InputError('Give one or more files: frontline-sso lint frontline-sso.json');
    const forced = stringOption(options, 'kind');
    if (forced !== undefined && forced !== 'config' && forced !== 'mappings')
      throw new InputError('--kind is config or mappings.');
    // One file that cannot be read does not take the other files' results with it.
    let unreadable = false;
    const results = [];
    for (const file of positionals) {
      try {
        results.push(await lintFile(io, file, forced));
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
