import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, noReportAfter, noticeAfter, reportAfter, waitFor, workspaceUri } from './helpers';

/**
 * Whole days until the workspace certificate expires: the suite makes it anew for each run (valid five years from
 * now), so the figure is exact and does not age with the calendar.
 */
function expectedDays(): number {
  const notAfter = new X509Certificate(readFileSync(workspaceUri('aws-idc.pem').fsPath)).validTo;
  const days = Math.trunc((new Date(notAfter).getTime() - Date.now()) / 86_400_000);
  assert.ok(days >= 1824, `the workspace certificate was made for this run (${days} days left)`);
  return days;
}

/** Opens a PEM file and returns our hover inside its certificate block (the one whose Markdown includes `text`). */
async function hoverInBlock(uri: vscode.Uri, text: string): Promise<{ doc: vscode.TextDocument; hover: vscode.Hover }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const hover = await waitFor('a hover', async () => {
    const h = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(3, 5),
    );
    return h.find((x) => x.contents.some((c) => (c as vscode.MarkdownString).value?.includes(text)));
  });
  return { doc, hover };
}

describe('certificates', () => {
  before(api);
  afterEach(closeAllEditors);

  it('Decode Certificate on a file shows subject, fingerprints and expiry', async () => {
    let report: vscode.TextDocument | undefined;
    // Beside the report, a notification with the verdict and buttons to copy the fingerprints.
    await noticeAfter(
      'info',
      new RegExp(`^CN=amazonaws\\.com, OU=IDAS, O=Amazon, C=US: expires in ${expectedDays()} days\\.$`),
      async () => {
        report = await reportAfter(/Certificate - aws-idc\.pem/, () =>
          vscode.commands.executeCommand('frontlineSso.decodeCertificate', workspaceUri('aws-idc.pem')),
        );
      },
    );
    const text = report!.getText();
    assert.match(text, /CN=amazonaws\.com, OU=IDAS, O=Amazon, C=US/);
    assert.match(text, /SHA-256 fingerprint \| `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
    assert.match(text, new RegExp(`Expires in ${expectedDays()} days`));
  });

  it('a private key is refused with a clear reason and no report', async () => {
    await noReportAfter(/Certificate/, async () => {
      const message = await noticeAfter('error', /private key/, () =>
        vscode.commands.executeCommand(
          'frontlineSso.decodeCertificate',
          '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
        ),
      );
      assert.equal(
        message,
        'This is a private key, not a certificate. Do not paste it anywhere; Frontline needs only the certificate.',
      );
    });
  });

  it('hovering a certificate block shows subject, expiry and fingerprints; a CodeLens shows the expiry', async () => {
    const { doc, hover: hovers } = await hoverInBlock(workspaceUri('aws-idc.pem'), 'amazonaws.com');
    const markdown = hovers.contents.map((c) => (c as vscode.MarkdownString).value).join('\n');
    assert.match(markdown, new RegExp(`expires in ${expectedDays()} days`));
    assert.match(markdown, /SHA-256/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find((l) => l.command?.command === 'frontlineSso.decodeCertificate');
    assert.ok(lens, 'a CodeLens above the block');
    assert.match(lens.command!.title, new RegExp(`CN=amazonaws\\.com — expires in ${expectedDays()} days`));
  });
});

describe('a certificate subject from the repository is text in hovers and tooltips', () => {
  // A repository can commit a certificate with any subject: Markdown in it would load a remote image (a beacon) or
  // show a link as soon as the hover or the status-bar tooltip renders, also in Restricted Mode.
  const IMAGE = '![x](https://attacker.example/beacon.png)';
  const LINK = '[link](https://x)';
  const dir = mkdtempSync(join(tmpdir(), 'frontline-sso-subject-'));
  const pemUri = () => workspaceUri('beacon-subject.pem');
  const configUri = () => workspaceUri('beacon.frontline-sso.json');
  let pem = '';

  before(async () => {
    await api();
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    // openssl -subj separates names with "/": the slashes of the addresses are escaped for it.
    const subject = `/O=${IMAGE} ${LINK}/CN=beacon.example`.replace(/(?<=https:)\/\/|(?<=attacker\.example)\//g, (m) =>
      m.replace(/\//g, '\\/'),
    );
    pem = execFileSync('openssl', ['req', '-x509', '-key', key, '-days', '20', '-subj', subject], { encoding: 'utf8' });
    assert.ok(new X509Certificate(pem).subject.includes(IMAGE), new X509Certificate(pem).subject);
    writeFileSync(pemUri().fsPath, pem);
  });
  after(async () => {
    rmSync(pemUri().fsPath, { force: true });
    rmSync(configUri().fsPath, { force: true });
    rmSync(dir, { recursive: true, force: true });
    const drift = ((await api()) as unknown as { drift: { expiry: { refresh(): Promise<void> } } }).drift;
    await drift.expiry.refresh();
    await closeAllEditors();
  });

  /** No image or link syntax that Markdown would act on: every "[" and "!" is escaped, and "://" too. */
  const assertInert = (markdown: string) => {
    assert.ok(markdown.includes('\\!\\[x\\](https\\://attacker.example/beacon.png)'), markdown);
    assert.ok(markdown.includes('\\[link\\](https\\://x)'), markdown);
    assert.doesNotMatch(markdown, /(^|[^\\])!?\[[^\]]*\]\(/, 'no unescaped image or link');
    assert.doesNotMatch(markdown, /(^|[^\\])https:\/\//, 'no bare address to autolink');
  };

  it('the hover escapes the subject, and allows no HTML or command links', async () => {
    const { hover } = await hoverInBlock(pemUri(), 'beacon');
    const contents = hover.contents as vscode.MarkdownString[];
    assertInert(contents.map((c) => c.value).join('\n'));
    for (const c of contents) {
      assert.ok(!c.isTrusted, 'not trusted');
      assert.ok(!c.supportHtml, 'no HTML');
    }
  });

  it('the expiry status-bar tooltip escapes the subject', async () => {
    writeFileSync(
      configUri().fsPath,
      JSON.stringify({ identityProvider: { issuer: 'https://idp.example.com/x', certificate: pem } }, null, 2),
    );
    const drift = (
      (await api()) as unknown as { drift: { expiry: { refresh(): Promise<void>; status: { tooltip: string } } } }
    ).drift;
    await drift.expiry.refresh();
    assert.match(drift.expiry.status.tooltip, /CN=beacon\.example, O=.* in beacon\.frontline-sso\.json/);
    assertInert(drift.expiry.status.tooltip);
  });
});
