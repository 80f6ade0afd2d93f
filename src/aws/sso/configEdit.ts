/**
 * A careful, line-based editor for `~/.aws/config` that changes only the sections it is asked to write. Every other
 * byte of the file — comments, blank lines, odd spacing, CRLF line ends, a byte-order mark, sections it does not own —
 * stays exactly as it was. No SDK import: pure text in, text out.
 *
 * Lines are read the way the AWS SDK for JavaScript reads them (@smithy/shared-ini-file-loader `parseIni`), so the
 * section and key this editor changes are the ones the SDK (and the AWS CLI) will use:
 * - a `#` or `;` at the start of a line or after whitespace starts a comment;
 * - `[profile NAME]` and `[sso-session NAME]` have one space between the kind and the name, and the name is made of
 *   letters, digits and `_-@+.%:/`; `[default]` is the default profile;
 * - `key =` with nothing after it opens a sub-section whose keys are the indented lines below it;
 * - a key set twice keeps the last value, and sections of the same name are merged.
 */

export type SectionKind = 'profile' | 'sso-session';

export interface SectionEdit {
  kind: SectionKind;
  name: string;
  /** Keys to set, in the order new lines are written. */
  values: ReadonlyArray<readonly [key: string, value: string]>;
}

export interface SectionPreview {
  /** `[profile dev]`. */
  header: string;
  /** Whether the section is new (appended) or already there (edited in place). */
  added: boolean;
  /** The section's lines as they read after the edit (without line ends). */
  lines: string[];
  /** Keys whose line was added or changed. */
  changedKeys: string[];
}

export interface ConfigEditResult {
  text: string;
  changed: boolean;
  sections: SectionPreview[];
}

/** Names the SDK's parser accepts in `[profile NAME]` and `[sso-session NAME]` headers. */
const NAME = /^[\w\-@+.%:/]+$/;
const KEY = /^[a-z][a-z0-9_]*$/;
const MAX_NAME = 128;
const MAX_VALUE = 2048;

/** Why `name` cannot be a profile or sso-session name, or undefined when it can. */
export function sectionNameProblem(name: string, kind: SectionKind): string | undefined {
  const what = kind === 'profile' ? 'A profile name' : 'An sso-session name';
  if (!name) return `${what} cannot be empty.`;
  if (name.length > MAX_NAME) return `${what} is at most ${MAX_NAME} characters long.`;
  if (!NAME.test(name))
    return `${what} may contain letters, digits and _ - @ + . % : / only (no spaces or brackets), as the AWS SDKs read it.`;
  if (name === '__proto__') return `${what} cannot be __proto__.`;
  return undefined;
}

/** Why `value` cannot be written as a config value, or undefined when it can. */
export function valueProblem(key: string, value: string): string | undefined {
  if (!KEY.test(key)) return `"${key.slice(0, 40)}" is not a config key.`;
  if (!value.trim()) return `The value of ${key} is empty.`;
  if (value.length > MAX_VALUE) return `The value of ${key} is longer than ${MAX_VALUE} characters.`;
  if (/[\r\n\u2028\u2029]/.test(value)) return `The value of ${key} contains a line break.`;
  // The SDK would cut the value at a comment.
  if (/\s[;#]/.test(value)) return `The value of ${key} contains a space followed by # or ;, which starts a comment.`;
  if (value !== value.trim()) return `The value of ${key} starts or ends with a space.`;
  return undefined;
}

interface Line {
  /** The line without its end. */
  text: string;
  /** '\r\n', '\n' or '' (the last line of a file that does not end with a line break). */
  eol: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const cr = nl > start && text[nl - 1] === '\r';
    lines.push({ text: text.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

/** The part of a line the SDK reads: before any comment, trimmed. */
const content = (line: string) => (line.split(/(?:^|\s)[;#]/)[0] ?? '').trim();

type Parsed =
  | { type: 'section'; kind: SectionKind | 'default' | 'other'; name: string }
  | { type: 'key'; key: string; value: string; sub: boolean }
  | { type: 'opens-sub'; key: string }
  | { type: 'other' };

const SECTION_NAME = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;

/** Reads each line as the SDK's parser does, including which keys belong to a sub-section. */
function parse(lines: Line[]): Parsed[] {
  let inSub = false;
  return lines.map((line): Parsed => {
    const c = content(line.text);
    if (c.startsWith('[') && c.endsWith(']')) {
      inSub = false;
      const inner = c.slice(1, -1);
      if (inner === 'default') return { type: 'section', kind: 'default', name: 'default' };
      const m = SECTION_NAME.exec(inner);
      if (m && (m[1] === 'profile' || m[1] === 'sso-session'))
        return { type: 'section', kind: m[1] as SectionKind, name: m[3] as string };
      return { type: 'section', kind: 'other', name: inner };
    }
    const eq = c.indexOf('=');
    if (eq <= 0) return { type: 'other' };
    const key = c.slice(0, eq).trim();
    const value = c.slice(eq + 1).trim();
    if (value === '') {
      inSub = true;
      return { type: 'opens-sub', key };
    }
    // An unindented key line ends a sub-section.
    if (inSub && line.text.trimStart() === line.text) inSub = false;
    return { type: 'key', key, value, sub: inSub };
  });
}

const headerOf = (kind: SectionKind, name: string) =>
  kind === 'profile' && name === 'default' ? '[default]' : `[${kind} ${name}]`;

const matches = (p: Parsed, kind: SectionKind, name: string) =>
  p.type === 'section' &&
  ((p.kind === kind && p.name === name) || (kind === 'profile' && name === 'default' && p.kind === 'default'));

/** A key line with a new value: the key, its spacing and any comment after the value stay as they were. */
function replaceValue(line: string, value: string): string {
  const eq = line.indexOf('=');
  const afterEq = line.slice(eq + 1);
  const lead = /^\s*/.exec(afterEq)?.[0] ?? '';
  const comment = /\s[;#].*$/.exec(afterEq.slice(lead.length))?.[0] ?? '';
  return `${line.slice(0, eq + 1)}${lead}${value}${comment}`;
}

/** The [start, end) line ranges of every section named `kind name`. */
function sectionRanges(parsed: Parsed[], kind: SectionKind, name: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < parsed.length; i++) {
    if (!matches(parsed[i] as Parsed, kind, name)) continue;
    let end = i + 1;
    while (end < parsed.length && parsed[end]?.type !== 'section') end++;
    ranges.push([i, end]);
  }
  return ranges;
}

function applyOne(lines: Line[], edit: SectionEdit, eol: string): { lines: Line[]; preview: SectionPreview } {
  const parsed = parse(lines);
  const ranges = sectionRanges(parsed, edit.kind, edit.name);
  const header = headerOf(edit.kind, edit.name);
  if (ranges.length === 0) {
    const out = [...lines];
    const last = out[out.length - 1];
    if (last && last.eol === '') out[out.length - 1] = { ...last, eol };
    if (out.length > 0 && out[out.length - 1]?.text.trim() !== '') out.push({ text: '', eol });
    const block = [header, ...edit.values.map(([k, v]) => `${k} = ${v}`)];
    out.push(...block.map((text) => ({ text, eol })));
    return {
      lines: out,
      preview: { header, added: true, lines: block, changedKeys: edit.values.map(([k]) => k) },
    };
  }
  const out = [...lines];
  const inserts: Line[] = [];
  const changedKeys: string[] = [];
  for (const [key, value] of edit.values) {
    // The SDK keeps the last value of a key, across every section of the same name.
    let found: number | undefined;
    for (const [start, end] of ranges) {
      for (let i = start + 1; i < end; i++) {
        const p = parsed[i] as Parsed;
        if (p.type === 'key' && !p.sub && p.key === key) found = i;
      }
    }
    if (found === undefined) {
      inserts.push({ text: `${key} = ${value}`, eol });
      changedKeys.push(key);
    } else if ((parsed[found] as { value: string }).value !== value) {
      out[found] = { ...(out[found] as Line), text: replaceValue((out[found] as Line).text, value) };
      changedKeys.push(key);
    }
  }
  const [lastStart, lastEnd] = ranges[ranges.length - 1] as [number, number];
  // New keys go after the section's last key line, so that comments and blank lines before the next section stay
  // with that section.
  let at = lastStart;
  for (let i = lastStart + 1; i < lastEnd; i++) {
    const t = parsed[i]?.type;
    if (t === 'key' || t === 'opens-sub' || (t === 'other' && content((out[i] as Line).text) !== '')) at = i;
  }
  if (inserts.length > 0) {
    const before = out[at] as Line;
    if (before.eol === '') out[at] = { ...before, eol };
    out.splice(at + 1, 0, ...inserts);
  }
  // The preview: the last section of that name as it reads now, without trailing blank lines and comments.
  let end = at + 1 + inserts.length;
  while (end > lastStart + 1 && content((out[end - 1] as Line).text) === '') end--;
  return {
    lines: out,
    preview: {
      header,
      added: false,
      lines: out.slice(lastStart, end).map((l) => l.text),
      changedKeys,
    },
  };
}

/**
 * Sets `values` in each section of `edits`, adding the section at the end of the file when it is missing. Only the
 * lines of those keys change or are added; the rest of the text is returned byte for byte. New lines use the file's
 * line ends (CRLF when its first line ends with CRLF).
 */
export function editAwsConfig(text: string, edits: readonly SectionEdit[]): ConfigEditResult {
  for (const edit of edits) {
    const problem =
      sectionNameProblem(edit.name, edit.kind) ??
      edit.values.map(([k, v]) => valueProblem(k, v)).find((p) => p !== undefined);
    if (problem) throw new Error(problem);
  }
  let lines = splitLines(text);
  const eol = lines.find((l) => l.eol !== '')?.eol ?? '\n';
  const sections: SectionPreview[] = [];
  for (const edit of edits) {
    const result = applyOne(lines, edit, eol);
    lines = result.lines;
    sections.push(result.preview);
  }
  const out = lines.map((l) => l.text + l.eol).join('');
  return { text: out, changed: out !== text, sections };
}

/** What a section holds, as the SDK reads it (the last value of each top-level key, across same-named sections). */
export function readSection(text: string, kind: SectionKind, name: string): Record<string, string> | undefined {
  const lines = splitLines(text);
  const parsed = parse(lines);
  const ranges = sectionRanges(parsed, kind, name);
  if (ranges.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [start, end] of ranges)
    for (let i = start + 1; i < end; i++) {
      const p = parsed[i] as Parsed;
      if (p.type === 'key' && !p.sub) out[p.key] = p.value;
    }
  return out;
}
