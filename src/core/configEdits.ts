import { JSONPath, applyEdits, modify } from 'jsonc-parser';
import { TextEdit } from './findings';
import { detectIndent } from './lint/jsonNodes';

export interface ConfigUpdate {
  path: JSONPath;
  /** undefined removes the property. */
  value: unknown;
}

/**
 * Applies updates to a config's text, keeping its comments, order and indentation (jsonc-parser's modify), and
 * returns the result as one minimal edit, so that an editor can apply it as a single undoable step.
 */
export function updateConfigText(
  text: string,
  updates: readonly ConfigUpdate[],
): { text: string; edit: TextEdit | undefined } {
  const indent = detectIndent(text);
  const formattingOptions = {
    insertSpaces: indent !== '\t',
    tabSize: indent === '\t' ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
  let result = text.trim() === '' ? '{}' : text;
  for (const u of updates) result = applyEdits(result, modify(result, u.path, u.value, { formattingOptions }));
  return { text: result, edit: minimalEdit(text, result) };
}

/** The single replacement that turns `before` into `after` (common prefix and suffix left alone). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, newText: after.slice(start, endAfter) };
}
