import * as vscode from 'vscode';
import { looksLikeCertificate, looksLikeFrontlineValues, looksLikeSamlResponse } from '../core/common/sniff';

/** Context keys that the editor's context menu uses to offer a command only where it helps (see package.json menus). */
export const SELECTION_KEYS = {
  certificate: 'frontlineSso.selectionHasCertificate',
  samlResponse: 'frontlineSso.selectionHasSamlResponse',
  values: 'frontlineSso.selectionHasValues',
} as const;

const DEBOUNCE_MS = 150;

export function registerSelectionKeys(context: vscode.ExtensionContext): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const update = (editor: vscode.TextEditor | undefined) => {
    const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const state = [looksLikeCertificate(text), looksLikeSamlResponse(text), looksLikeFrontlineValues(text)];
    const key = state.join();
    if (key === last) return;
    last = key;
    void vscode.commands.executeCommand('setContext', SELECTION_KEYS.certificate, state[0]);
    void vscode.commands.executeCommand('setContext', SELECTION_KEYS.samlResponse, state[1]);
    void vscode.commands.executeCommand('setContext', SELECTION_KEYS.values, state[2]);
  };
  const schedule = (editor: vscode.TextEditor | undefined) => {
    clearTimeout(timer);
    timer = setTimeout(() => update(editor), DEBOUNCE_MS);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection((e) => schedule(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(schedule),
    { dispose: () => clearTimeout(timer) },
  );
}
