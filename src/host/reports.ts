import * as vscode from 'vscode';

export const REPORT_SCHEME = 'frontline-sso-report';

/**
 * Read-only documents for reports and decoded XML: easy to read, select and copy, impossible to edit by accident,
 * and never written to disk (decoded SAML responses can hold personal data).
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  register(context: vscode.ExtensionContext): this {
    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === REPORT_SCHEME) this.contents.delete(doc.uri.toString());
      }),
      this.changed,
    );
    return this;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This report is no longer available. Run the command again.';
  }

  /**
   * Opens `content` as a read-only document named `title` (its extension picks the language). Markdown reports open
   * in the Markdown preview, where tables read well and values can still be selected and copied.
   */
  async show(
    title: string,
    content: string,
    options: { beside?: boolean; preserveFocus?: boolean } = {},
  ): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${title}`, query: String(++this.counter) });
    this.contents.set(uri.toString(), content);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (title.endsWith('.md')) {
      await vscode.commands.executeCommand(options.beside ? 'markdown.showPreviewToSide' : 'markdown.showPreview', uri);
    } else {
      await vscode.window.showTextDocument(doc, {
        preview: false,
        preserveFocus: options.preserveFocus,
        viewColumn: options.beside ? vscode.ViewColumn.Beside : undefined,
      });
    }
    return doc;
  }

  /** The text of an open report, for tests. */
  contentOf(uri: vscode.Uri): string | undefined {
    return this.contents.get(uri.toString());
  }
}
