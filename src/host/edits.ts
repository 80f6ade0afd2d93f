import * as vscode from 'vscode';
import { TextEdit, TextSpan } from '../core/common/findings';

/** A core span (character offsets) as a range in the document. */
export function toRange(doc: vscode.TextDocument, span: TextSpan | undefined): vscode.Range {
  if (!span) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(doc.positionAt(span.offset), doc.positionAt(span.offset + span.length));
}

/** Core edits as one WorkspaceEdit: applied to the open document (unsaved changes kept) and undone in one step. */
export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, toRange(doc, e), e.newText);
  return edit;
}

export function applyTextEdits(doc: vscode.TextDocument, edits: readonly TextEdit[]): Thenable<boolean> {
  return vscode.workspace.applyEdit(toWorkspaceEdit(doc, edits));
}

/** Creates a file, unless it exists, as an undoable edit. Resolves false when the edit was refused. */
export function createFileUndoable(uri: vscode.Uri, text: string): Thenable<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
  return vscode.workspace.applyEdit(edit);
}
