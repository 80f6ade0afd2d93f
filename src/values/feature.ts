// Generate ACS URL and Audience, Validate Frontline Values: the work, loaded on first use (see register.ts).
import * as vscode from 'vscode';
import { showError, showInfo } from '../host/notify';
import { codeBlock, codeSpan, escapeMarkdown, findingsMarkdown } from '../host/markdown';
import { ReportDocuments } from '../host/reports';
import { validateRealmSidInput } from '../host/validation';
import { FIELD_LABEL, FieldReport, extractValues, noValuesFinding, validateValues } from '../core/values/values';
import { checkRealmSid, frontlineValues } from '../core/values/realm';
import { SEVERITY_RANK } from '../core/common/findings';

function sidFromEditor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const text = editor.selection.isEmpty
    ? editor.document.lineAt(editor.selection.active.line).text
    : editor.document.getText(editor.selection);
  return /JB[0-9a-fA-F]{32}/.exec(text)?.[0];
}

export async function generateValues(): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Frontline Realm SID'),
    prompt: vscode.l10n.t(
      'The Realm SID from the Frontline Console SSO page (JB followed by 32 hex digits). A pasted ACS or audience URL works too.',
    ),
    placeHolder: 'JB0123456789abcdef0123456789abcdef',
    value: sidFromEditor(),
    ignoreFocusOut: true,
    validateInput: validateRealmSidInput,
  });
  if (input === undefined) return;
  const sid = checkRealmSid(input).sid;
  if (!sid) {
    void showError(checkRealmSid(input).findings[0]?.message ?? 'Enter the Realm SID.');
    return;
  }
  const values = frontlineValues(sid);
  const editor = vscode.window.activeTextEditor;
  type Choice = vscode.QuickPickItem & { id: 'acs' | 'audience' | 'both' | 'insert' };
  const items: Choice[] = [
    { label: '$(copy) Copy ACS URL', description: values.acsUrl, id: 'acs' },
    { label: '$(copy) Copy SAML audience', description: values.audience, id: 'audience' },
    { label: '$(copy) Copy both', id: 'both' },
  ];
  if (editor && !editor.document.isClosed)
    items.push({
      label: '$(insert) Insert both at the cursor',
      description: editor.document.fileName.split(/[\\/]/).pop(),
      id: 'insert',
    });
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Frontline values for {0}', sid),
    placeHolder: vscode.l10n.t(
      'Paste them into the IAM Identity Center application (Application ACS URL, Application SAML audience)',
    ),
  });
  if (!choice) return;
  const both = `Application ACS URL: ${values.acsUrl}\nApplication SAML audience: ${values.audience}\n`;
  if (choice.id === 'insert' && editor) {
    await editor.edit((edit) => editor.selections.forEach((s) => edit.replace(s, both)));
    return;
  }
  const text = choice.id === 'acs' ? values.acsUrl : choice.id === 'audience' ? values.audience : both;
  await vscode.env.clipboard.writeText(text);
  void showInfo(
    vscode.l10n.t(
      'Copied the {0}.',
      choice.id === 'acs' ? 'ACS URL' : choice.id === 'audience' ? 'SAML audience' : 'ACS URL and SAML audience',
    ),
  );
}

export function valuesReportMarkdown(reports: FieldReport[]): string {
  const problems = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity !== 'info').length, 0);
  const parts = [
    `# Frontline values\n\n${problems === 0 ? '✅ All values are consistent.' : `${problems} problem${problems === 1 ? '' : 's'} found.`}\n`,
  ];
  for (const r of reports) {
    // The values are pasted: shown as code, and the description of a URL (which quotes it) escaped.
    parts.push(`## ${FIELD_LABEL[r.field]}\n\n${codeSpan(r.value)}\n`);
    if (r.details) parts.push(`${escapeMarkdown(r.details)}\n`);
    parts.push(findingsMarkdown(r.findings, '✅ Correct.'));
    if (r.expected && r.expected !== r.value.trim() && r.findings.some((f) => f.severity === 'error'))
      parts.push(`Correct value:\n\n${codeBlock(r.expected)}`);
  }
  return parts.join('\n');
}

export async function validate(reports: ReportDocuments, given?: string): Promise<FieldReport[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  let text = given ?? (editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined);
  text ??= await vscode.window.showInputBox({
    title: vscode.l10n.t('Validate Frontline values'),
    prompt: vscode.l10n.t(
      'Paste one or more values: Realm SID, ACS URL, SAML audience, issuer URL, sign-in URL. Tip: select them in an editor first.',
    ),
    ignoreFocusOut: true,
  });
  if (text === undefined) return undefined;
  const values = extractValues(text);
  if (Object.keys(values).length === 0) {
    void showError(noValuesFinding().message);
    return undefined;
  }
  const results = validateValues(values);
  const worst = results
    .flatMap((r) => r.findings)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
  await reports.show('Frontline values.md', valuesReportMarkdown(results), { beside: true });
  if (!worst || worst.severity === 'info')
    void showInfo(vscode.l10n.t('All {0} values are consistent.', results.length));
  return results;
}
