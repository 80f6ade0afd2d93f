import { Node, ParseError, getNodeValue, parseTree, printParseErrorCode, findNodeAtLocation } from 'jsonc-parser';
import { Finding, TextSpan, finding } from '../findings';

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

/** Parses JSONC (comments and trailing commas allowed) and reports syntax errors as findings with positions. */
export function parseJsonc(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const findings = errors.map((e) => {
    const name = printParseErrorCode(e.error);
    return finding('json-syntax', 'error', `JSON syntax error: ${PARSE_MESSAGES[name] ?? name}`, {
      span: { offset: e.offset, length: Math.max(e.length, 1) },
    });
  });
  return { root, findings };
}

export function spanOf(node: Node): TextSpan {
  return { offset: node.offset, length: node.length };
}

export function child(node: Node | undefined, key: string): Node | undefined {
  return node && node.type === 'object' ? findNodeAtLocation(node, [key]) : undefined;
}

/** The property node (key + value) of `key`, for ranges that point at the key. */
export function property(node: Node | undefined, key: string): Node | undefined {
  return node?.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key);
}

export function keySpan(node: Node | undefined, key: string): TextSpan | undefined {
  const key_ = property(node, key)?.children?.[0];
  return key_ ? spanOf(key_) : undefined;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function valueOf(node: Node): unknown {
  return getNodeValue(node);
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
