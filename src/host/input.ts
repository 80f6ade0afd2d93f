import * as vscode from 'vscode';
import { showWarning } from './notify';
import { utf8Text } from './paths';

export interface InputText {
  /** Text or raw bytes (a DER file is binary). */
  data: string | Uint8Array;
  /** Where it came from, for titles and messages: "selection", "clipboard", a file name. */
  origin: string;
  /** The document the input came from, when there is one. */
  uri?: vscode.Uri;
}

export interface InputOptions {
  /** What is asked for, in the picker's words: "the certificate". */
  what: string;
  fileFilters: Record<string, string[]>;
  /** Extensions (lower case, with dot) for which the active file itself is the input. */
  fileExtensions: string[];
  placeholder: string;
  /** Largest file read (default 6 MB); a HAR file can be larger than anything else the commands read. */
  maxBytes?: number;
}

const MAX_BYTES = 6 * 1024 * 1024;

/** The input as text: typed or pasted text as it is, a file's bytes as UTF-8. */
export function inputAsText(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : utf8Text(data);
}

export async function readUri(uri: vscode.Uri, maxBytes = MAX_BYTES): Promise<InputText> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > maxBytes)
    throw new Error(
      `${uri.path.split('/').pop()} is ${(stat.size / 1048576).toFixed(1)} MB, too large to be what this command reads.`,
    );
  return { data: await vscode.workspace.fs.readFile(uri), origin: uri.path.split('/').pop() ?? uri.toString(), uri };
}

/**
 * Finds the input for a command the way users expect: an Explorer file, else the selection, else the active file if
 * it is of the right kind, else a choice of clipboard, file or typed text.
 */
export async function pickInput(options: InputOptions, uri?: vscode.Uri): Promise<InputText | undefined> {
  if (uri instanceof vscode.Uri) return readUri(uri, options.maxBytes);
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) {
    return { data: editor.document.getText(editor.selection), origin: 'selection', uri: editor.document.uri };
  }
  if (editor && options.fileExtensions.some((ext) => editor.document.fileName.toLowerCase().endsWith(ext))) {
    return {
      data: editor.document.getText(),
      origin: editor.document.fileName.split(/[\\/]/).pop() ?? 'active file',
      uri: editor.document.uri,
    };
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('$(clippy) From the clipboard'), id: 'clipboard' },
      { label: vscode.l10n.t('$(file) From a file…'), id: 'file' },
      { label: vscode.l10n.t('$(edit) Paste or type…'), id: 'type' },
    ],
    {
      title: vscode.l10n.t('Where is {0}?', options.what),
      placeHolder: vscode.l10n.t('Tip: select the text in an editor first to skip this step'),
    },
  );
  if (!choice) return undefined;
  if (choice.id === 'clipboard') {
    const text = await vscode.env.clipboard.readText();
    if (!text.trim()) {
      void showWarning(vscode.l10n.t('The clipboard is empty. Copy {0} first, or choose a file.', options.what));
      return undefined;
    }
    return { data: text, origin: 'clipboard' };
  }
  if (choice.id === 'file') {
    const [picked] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: options.fileFilters,
        title: vscode.l10n.t('Choose {0}', options.what),
      })) ?? [];
    return picked ? readUri(picked, options.maxBytes) : undefined;
  }
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Paste {0}', options.what),
    placeHolder: options.placeholder,
    ignoreFocusOut: true,
  });
  return typed ? { data: typed, origin: 'typed text' } : undefined;
}
