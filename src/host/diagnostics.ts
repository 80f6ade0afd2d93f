import * as vscode from 'vscode';
import { Finding, Severity } from '../core/common/findings';
import { RULE_DOC_LINES } from '../core/lint/rules/docLines.generated';
import { toRange } from './edits';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Turns findings into diagnostics. Each code links to the rule's section in the shipped docs/rules.md (at its line), as
 * ESLint's codes link to their rule pages.
 */
export class DiagnosticFactory {
  private readonly rulesDoc: vscode.Uri;

  constructor(
    context: vscode.ExtensionContext,
    private readonly source: string,
  ) {
    this.rulesDoc = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
  }

  toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(doc, f.span), f.message, SEVERITY[f.severity]);
    d.source = this.source;
    const line = RULE_DOC_LINES[f.code];
    d.code = line ? { value: f.code, target: this.rulesDoc.with({ fragment: `L${line}` }) } : f.code;
    if (f.related) {
      d.relatedInformation = f.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, toRange(doc, r.span)), r.message),
      );
    }
    return d;
  }

  /** Whether a diagnostic of this factory's source stands for this finding (same rule, same range). */
  matches(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, f: Finding): boolean {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return diagnostic.source === this.source && f.code === code && toRange(doc, f.span).isEqual(diagnostic.range);
  }
}
