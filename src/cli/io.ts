import { resolve } from 'node:path';
import { Finding, InputError, Severity } from '../core/common/findings';
import { FileRead, ReadLimits, readFileBounded } from '../io/files';

/** What a command may touch: output streams, standard input, the working folder and the clock (all replaceable in tests). */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads standard input up to `maxBytes`. */
  readStdin: (maxBytes: number) => Promise<FileRead>;
  cwd: string;
  now: () => Date;
  env?: Readonly<Record<string, string | undefined>>;
}

export type OptionValue = string | boolean | string[] | undefined;
export type OptionsSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export interface Command {
  /** One line of usage, plus indented option lines, for --help. */
  usage: string;
  options: OptionsSpec;
  run(
    args: { positionals: string[]; options: Record<string, OptionValue> },
    io: Io,
    json: boolean,
  ): Promise<number> | number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error  ', warning: 'warning', info: 'info   ' };

export function formatFindings(findings: readonly Finding[], indent = '  '): string {
  if (findings.length === 0) return `${indent}✓ no problems found\n`;
  return findings.map((f) => `${indent}${SEVERITY_LABEL[f.severity]} ${f.message} [${f.code}]\n`).join('');
}

export function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}

/** The largest input any command reads from a file or standard input, unless it says otherwise. */
export const DEFAULT_MAX_INPUT_BYTES = 5 * 1024 * 1024;

/**
 * Reads a file named on the command line (or `-` for standard input) within `maxBytes`. Throws InputError, with a
 * one-line reason, when it cannot be read.
 */
export async function readInput(
  io: Io,
  file: string | undefined,
  what: string,
  maxBytes = DEFAULT_MAX_INPUT_BYTES,
  limits: Omit<ReadLimits, 'maxBytes'> = {},
): Promise<Buffer> {
  if (!file) throw new InputError(`Give a ${what} file, or - to read standard input.`);
  const result =
    file === '-' ? await io.readStdin(maxBytes) : await readFileBounded(resolve(io.cwd, file), { maxBytes, ...limits });
  if (!result.ok) throw new InputError(`${file === '-' ? 'standard input' : file}: ${result.message}.`);
  return result.bytes;
}

/** A string option, or undefined. */
export function stringOption(options: Record<string, OptionValue>, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}
