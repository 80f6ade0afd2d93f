import * as vscode from 'vscode';

/**
 * A MarkdownString for hovers and tooltips that show text from files, AWS or the user: no command links
 * (`isTrusted` false) and no HTML (`supportHtml` false), stated here rather than left to the defaults. The caller
 * escapes every untrusted part of `value` with escapeMarkdown or codeSpan (src/host/markdown.ts).
 */
export function untrustedMarkdown(value: string, options: { themeIcons?: boolean } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, options.themeIcons ?? false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
