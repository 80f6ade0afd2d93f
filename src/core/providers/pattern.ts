/**
 * Param patterns: a small, regular-expression-like language that runs in time linear in the input, because a
 * pattern may come from a user's provider file (untrusted) and is matched against pasted text.
 *
 * A pattern is a sequence of atoms, matched against the WHOLE value (implicitly anchored). An atom is a literal
 * character (`\` escapes one of `\[]{}()*+?.|^$`) or a class `[a-z0-9_-]` (ranges and single characters; `\`
 * escapes `]`, `-`, `\`), optionally followed by `?`, `*`, `+`, `{n}` or `{n,m}`. There are no groups, no
 * alternation, no back-references and no `.`, so a pattern is also a valid JavaScript (and JSON schema) regular
 * expression body with the same meaning. Matching simulates the automaton (a set of states per input character),
 * never backtracks, and is bounded by MAX_PATTERN_STATES × the input length.
 */

/** Longest pattern source accepted. */
export const MAX_PATTERN_LENGTH = 256;
/** Largest `{n,m}` count accepted. */
export const MAX_PATTERN_COUNT = 2048;
/** Most automaton states one pattern may have (the sum of the atoms' bounded counts). */
export const MAX_PATTERN_STATES = 4096;
/** Longest value a pattern is ever run on (a param is an ID, a host name or a URL). */
export const MAX_PARAM_LENGTH = 2048;

interface Atom {
  /** Inclusive code-point ranges. */
  ranges: Array<[number, number]>;
  min: number;
  /** Infinity for `*` and `+`. */
  max: number;
}

export interface CompiledPattern {
  source: string;
  atoms: Atom[];
}

export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; message: string };

const SPECIAL = '\\[]{}()*+?.|^$';

/** Compiles a pattern, or says why it is not one (position and reason). */
export function compilePattern(source: string): PatternResult {
  if (typeof source !== 'string' || source.length === 0) return { ok: false, message: 'the pattern is empty' };
  if (source.length > MAX_PATTERN_LENGTH)
    return { ok: false, message: `the pattern has ${source.length} characters; at most ${MAX_PATTERN_LENGTH}` };
  const atoms: Atom[] = [];
  let i = 0;
  const fail = (message: string): PatternResult => ({ ok: false, message: `${message} (character ${i + 1})` });
  while (i < source.length) {
    const ch = source[i] as string;
    let ranges: Array<[number, number]>;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || !SPECIAL.includes(next)) return fail('"\\" must escape one of \\[]{}()*+?.|^$');
      ranges = [[next.charCodeAt(0), next.charCodeAt(0)]];
      i += 2;
    } else if (ch === '[') {
      i++;
      ranges = [];
      if (source[i] === '^') return fail('negated classes ([^…]) are not supported; list the allowed characters');
      while (i < source.length && source[i] !== ']') {
        let from = source[i] as string;
        if (from === '\\') {
          const next = source[i + 1];
          if (next === undefined || !'\\]-['.includes(next)) return fail('"\\" in a class must escape \\, ], [ or -');
          from = next;
          i++;
        }
        i++;
        if (source[i] === '-' && source[i + 1] !== undefined && source[i + 1] !== ']') {
          let to = source[i + 1] as string;
          i += 2;
          if (to === '\\') {
            to = source[i] ?? '';
            i++;
          }
          if (to.charCodeAt(0) < from.charCodeAt(0)) return fail(`the range ${from}-${to} is backwards`);
          ranges.push([from.charCodeAt(0), to.charCodeAt(0)]);
        } else ranges.push([from.charCodeAt(0), from.charCodeAt(0)]);
      }
      if (source[i] !== ']') return fail('a class "[" is not closed with "]"');
      if (ranges.length === 0) return fail('a class is empty');
      i++;
    } else if (SPECIAL.includes(ch)) {
      return fail(
        ch === '(' || ch === '|'
          ? 'groups and alternation are not supported'
          : ch === '.'
            ? '"." is not supported: name the allowed characters in a class, e.g. [!-~]'
            : ch === '^' || ch === '$'
              ? 'patterns always match the whole value: leave out ^ and $'
              : `"${ch}" needs something to repeat before it, or a "\\" to be literal`,
      );
    } else {
      ranges = [[ch.charCodeAt(0), ch.charCodeAt(0)]];
      i++;
    }
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === '?' || q === '*' || q === '+') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Infinity;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d{1,5})(?:,(\d{1,5}))?\}/.exec(source.slice(i, i + 14));
      if (!m) return fail('a count must be {n} or {n,m}');
      min = Number(m[1]);
      max = m[2] === undefined ? min : Number(m[2]);
      if (max < min) return fail(`the count {${min},${max}} is backwards`);
      if (max > MAX_PATTERN_COUNT) return fail(`a count may be at most ${MAX_PATTERN_COUNT}`);
      if (max === 0) return fail('a count of 0 matches nothing');
      i += m[0].length;
    }
    const next = source[i];
    if (next === '?' || next === '*' || next === '+' || next === '{')
      return fail('a repeat cannot follow another repeat');
    atoms.push({ ranges, min, max });
  }
  const states = atoms.reduce((sum, a) => sum + (a.max === Infinity ? a.min + 1 : a.max + 1), 0);
  if (states > MAX_PATTERN_STATES)
    return { ok: false, message: `the pattern is too large (${states} states; at most ${MAX_PATTERN_STATES})` };
  return { ok: true, pattern: { source, atoms } };
}

function inRanges(ranges: Array<[number, number]>, code: number): boolean {
  for (const [from, to] of ranges) if (code >= from && code <= to) return true;
  return false;
}

/**
 * Whether the whole value matches. Values longer than MAX_PARAM_LENGTH never match (the caller reports the length
 * first). A state is (atom, count so far); counts past an unbounded atom's minimum are folded into one state.
 */
export function matchesPattern(pattern: CompiledPattern, value: string): boolean {
  if (value.length > MAX_PARAM_LENGTH) return false;
  const { atoms } = pattern;
  // A state key: atom index * (MAX_PATTERN_COUNT + 2) + count.
  const width = MAX_PATTERN_COUNT + 2;
  let current = new Set<number>();
  /** Adds a state and every state reachable from it without reading input (atoms whose minimum is met may end). */
  const add = (set: Set<number>, atom: number, count: number) => {
    for (;;) {
      const key = atom * width + count;
      if (set.has(key)) return;
      set.add(key);
      const a = atoms[atom];
      if (!a || count < a.min) return;
      atom++;
      count = 0;
    }
  };
  add(current, 0, 0);
  for (let i = 0; i < value.length && current.size > 0; i++) {
    const code = value.charCodeAt(i);
    const next = new Set<number>();
    for (const key of current) {
      const atom = Math.floor(key / width);
      const count = key % width;
      const a = atoms[atom];
      if (!a || count >= a.max || !inRanges(a.ranges, code)) continue;
      const counted = a.max === Infinity ? Math.min(count + 1, a.min) : count + 1;
      add(next, atom, counted);
    }
    current = next;
  }
  for (const key of current) if (Math.floor(key / width) === atoms.length) return true;
  return false;
}
