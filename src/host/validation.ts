import * as vscode from 'vscode';
import { frontlineValues, checkRealmSid } from '../core/values/realm';

/** Live validation for Realm SID input boxes: errors block, notes explain what was cleaned up. */
export function validateRealmSidInput(value: string): vscode.InputBoxValidationMessage | undefined {
  if (value.trim() === '') return undefined;
  const result = checkRealmSid(value);
  const error = result.findings.find((f) => f.severity === 'error');
  if (error) return { message: error.message, severity: vscode.InputBoxValidationSeverity.Error };
  const note = result.findings[0];
  return {
    message: `${note ? `${note.message} ` : ''}ACS URL: ${frontlineValues(result.sid as string).acsUrl}`,
    severity: vscode.InputBoxValidationSeverity.Info,
  };
}
