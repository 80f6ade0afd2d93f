import * as vscode from 'vscode';
import { regionProblem } from '../aws/connection';
import { REGIONS } from '../core/values/regions';

/**
 * Asks for an AWS Region: the usual ones in a list (the current one marked and, when given, first), or any other
 * name typed and checked. Undefined when the user cancels.
 */
export async function pickRegion(title: string, current?: string): Promise<string | undefined> {
  const ordered = current && REGIONS.includes(current) ? [current, ...REGIONS.filter((r) => r !== current)] : REGIONS;
  const items: Array<vscode.QuickPickItem & { region?: string }> = [
    ...ordered.map((region) => ({ label: region, description: region === current ? 'current' : undefined, region })),
    { label: '$(edit) Other Region…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
  if (!picked) return undefined;
  const region =
    picked.region ??
    (await vscode.window.showInputBox({
      title: 'AWS Region',
      placeHolder: 'for example eu-south-2',
      value: current && !REGIONS.includes(current) ? current : undefined,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? regionProblem(v, 'this box') : 'A Region looks like us-east-1.'),
    }));
  return region?.trim() || undefined;
}
