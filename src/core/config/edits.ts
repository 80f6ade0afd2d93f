import { JSONPath } from 'jsonc-parser';
import { InputError, TextEdit } from '../common/findings';
import { modifyJson } from '../lint/jsonNodes';

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
  let result = text.trim() === '' ? '{}' : text;
  for (const u of updates) {
    const edits = modifyJson(result, u.path, u.value);
    if (!edits) {
      throw new InputError(
        `The config cannot be updated automatically at ${u.path.join('.')}; fix its JSON problems first.`,
      );
    }
    result = applyTextEdits(result, edits);
  }
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

/** Applies non-overlapping edits to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
}
