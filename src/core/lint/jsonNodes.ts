import { utf8Length } from '../common/bytes';
import { json } from './rules/json';
import {
  JSONPath,
  Node,
  ParseError,
  SyntaxKind,
  createScanner,
  modify,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { Finding, TextEdit, TextSpan } from '../common/findings';
import { MAX_JSON_BYTES } from '../common/limits';
import { describeSize, excerpt } from '../common/text';

export { Node };

export interface ParsedJson {
  root?: Node;
  findings: Finding[];
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected a colon (:) after the property name.',
  CommaExpected: 'Expected a comma (,) between entries.',
  CloseBraceExpected: 'Expected a closing brace (}).',
  CloseBracketExpected: 'Expected a closing bracket (]).',
  EndOfFileExpected: 'Unexpected text after the end of the JSON value.',
  InvalidCommentToken: 'Invalid comment.',
  UnexpectedEndOfComment: 'A comment is not closed (missing */).',
  UnexpectedEndOfString: 'A string is not closed (missing ").',
  UnexpectedEndOfNumber: 'A number is not finished.',
  InvalidUnicode: 'Invalid \\u escape in a string.',
  InvalidEscapeCharacter: 'Invalid escape character in a string.',
  InvalidCharacter: 'Invalid character in a string (control characters must be escaped).',
};

/**
 * Bounds for config and mapping files (docs/configuration.md), with MAX_JSON_BYTES in limits.ts. A config
 * is about 2 KB; the caps leave room for any real file while keeping a hostile one from costing memory, time or the
 * stack.
 */
/** Deepest nesting read; a config is 3 levels deep. Also keeps jsonc-parser's formatter within its own limits. */
export const MAX_JSON_DEPTH = 20;
/** Syntax errors reported per file: after the first few, the rest are usually consequences. */
const MAX_SYNTAX_FINDINGS = 20;

/**
 * Parses JSONC (comments and trailing commas allowed) and reports problems as findings with positions. Checks the size
 * and nesting first (with jsonc-parser's scanner, which is linear and iterative), so that the recursive parser only
 * ever sees what it can handle. A leading byte-order mark is accepted.
 */
export function parseJsonc(input: string): ParsedJson {
  // The same text is often parsed twice in a row (the files a config names, then the config itself): keep the last.
  if (input !== lastParsed.text) lastParsed = { text: input, parsed: parseJsoncUncached(input) };
  return { root: lastParsed.parsed.root, findings: [...lastParsed.parsed.findings] };
}

let lastParsed: { text: string | undefined; parsed: ParsedJson } = { text: undefined, parsed: { findings: [] } };

function parseJsoncUncached(input: string): ParsedJson {
  // A BOM is replaced by a space rather than removed, so that offsets still match the document.
  const text = input.charCodeAt(0) === 0xfeff ? ` ${input.slice(1)}` : input;
  const size = text.length > MAX_JSON_BYTES ? text.length : utf8Length(text);
  if (size > MAX_JSON_BYTES) {
    return {
      findings: [
        json.report(
          'json-too-large',
          `The file has ${size.toLocaleString('en-US')} bytes; config and mapping files over ${describeSize(MAX_JSON_BYTES)} are not read (a config is a few KB).`,
          { span: { offset: 0, length: 0 } },
        ),
      ],
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      findings: [
        json.report(
          'json-encoding',
          'The file contains NUL characters: it is probably saved as UTF-16. Save it as UTF-8 (in VS Code: the encoding in the status bar → Save with Encoding → UTF-8).',
          { span: { offset: nul, length: 1 } },
        ),
      ],
    };
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    return {
      findings: [
        json.report(
          'json-too-deep',
          `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep here; a config is 3 levels deep. Remove the extra brackets.`,
          { span: { offset: deep, length: 1 } },
        ),
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const findings = errors.slice(0, MAX_SYNTAX_FINDINGS).map((e) => {
    const name = printParseErrorCode(e.error);
    return json.report('json-syntax', `JSON syntax error: ${PARSE_MESSAGES[name] ?? name}`, {
      span: clampedSpan(text, e.offset, e.length),
    });
  });
  if (errors.length > MAX_SYNTAX_FINDINGS) {
    const last = errors[errors.length - 1] as ParseError;
    findings.push(
      json.report(
        'json-syntax',
        `${errors.length - MAX_SYNTAX_FINDINGS} more JSON syntax errors follow; fix the first ones, the rest are often their consequences.`,
        { span: clampedSpan(text, last.offset, last.length) },
      ),
    );
  }
  return { root, findings };
}

/** At least one character where there is one (an error at the end of the text points at nothing). */
function clampedSpan(text: string, offset: number, length: number): TextSpan {
  const start = Math.min(offset, text.length);
  return { offset: start, length: Math.min(Math.max(length, 1), text.length - start) };
}

/** The offset where nesting first exceeds MAX_JSON_DEPTH, if it does. */
function tooDeepAt(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Every object node of the tree, without recursion. */
export function objectNodes(root: Node): Node[] {
  const out: Node[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'object') out.push(node);
    for (const c of node.children ?? []) stack.push(c);
  }
  return out;
}

/**
 * Duplicate keys, reported on every later occurrence. JSON leaves duplicates to the reader; here the last one wins, as
 * in JSON.parse, and everything that reads a config (lint, the CLI, the form) follows that rule.
 */
export function duplicateKeyFindings(root: Node): Finding[] {
  const out: Finding[] = [];
  for (const object of objectNodes(root)) {
    const seen = new Map<string, Node>();
    for (const prop of object.children ?? []) {
      const key = prop.children?.[0];
      if (!key || typeof key.value !== 'string') continue;
      const first = seen.get(key.value);
      if (first) {
        out.push(
          json.report(
            'json-duplicate-key',
            `"${excerpt(key.value)}" appears twice in this object; the last one is used. Remove one of them.`,
            { span: spanOf(key), related: [{ message: `First "${excerpt(key.value)}"`, span: spanOf(first) }] },
          ),
        );
      } else {
        seen.set(key.value, key);
      }
    }
  }
  return out;
}

export function spanOf(node: Node): TextSpan {
  return { offset: node.offset, length: node.length };
}

/** The value of `key` in an object node; with duplicate keys, the last one (as JSON.parse reads it). */
export function child(node: Node | undefined, key: string): Node | undefined {
  return property(node, key)?.children?.[1];
}

/** The property node (key + value) of `key`, for ranges that point at the key; the last one when duplicated. */
export function property(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object') return undefined;
  const children = node.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) {
    const p = children[i] as Node;
    if (p.type === 'property' && p.children?.[0]?.value === key) return p;
  }
  return undefined;
}

export function keySpan(node: Node | undefined, key: string): TextSpan | undefined {
  const key_ = property(node, key)?.children?.[0];
  return key_ ? spanOf(key_) : undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/**
 * Where a finding about a string value points: the characters inside the quotes, so that a replacement edit keeps
 * the quotes (JSON strings without escapes map 1:1 onto the text).
 */
export function innerSpan(node: Node, text: string): TextSpan {
  const raw = text.slice(node.offset, node.offset + node.length);
  const hasEscapes = raw.includes('\\');
  return hasEscapes || node.type !== 'string' ? spanOf(node) : { offset: node.offset + 1, length: node.length - 2 };
}

/** A replacement of a whole JSON value with a new JSON value (quotes and escapes handled). */
export function replaceValueEdit(node: Node, value: unknown) {
  return { offset: node.offset, length: node.length, newText: JSON.stringify(value) };
}

/** The indentation unit used in the text (defaults to two spaces). */
export function detectIndent(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return '  ';
  const ws = m[1] as string;
  return ws.startsWith('\t') ? '\t' : ' '.repeat(Math.min(ws.length, 8));
}

export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** Longest line jsonc-parser reformats around an edit: it applies one string copy per formatting edit on that line. */
const MAX_FORMATTED_LINE = 4096;

/**
 * jsonc-parser's `modify` (which keeps comments and formatting), in the text's own indentation and line endings.
 * Around a very long line (a minified file) the edit is left unformatted, since formatting such a line costs time
 * quadratic in its length. Returns undefined when the library cannot make the edit: its formatter indexes a fixed-size
 * table of indentation strings and throws beyond it; the caller then offers no edit rather than failing.
 */
export function modifyJson(text: string, path: JSONPath, value: unknown): TextEdit[] | undefined {
  const indent = detectIndent(text);
  const toEdits = (edits: ReturnType<typeof modify>) =>
    edits.map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
  try {
    const plain = modify(text, path, value, {});
    const at = plain[0]?.offset ?? 0;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    if ((lineEnd < 0 ? text.length : lineEnd) - lineStart > MAX_FORMATTED_LINE) return toEdits(plain);
    return toEdits(
      modify(text, path, value, {
        formattingOptions: {
          insertSpaces: indent !== '\t',
          tabSize: indent === '\t' ? 1 : indent.length,
          eol: text.includes('\r\n') ? '\r\n' : '\n',
        },
      }),
    );
  } catch {
    return undefined;
  }
}
