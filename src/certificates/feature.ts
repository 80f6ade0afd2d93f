// Decode Certificate, and the hover and CodeLens on certificate blocks: the work, loaded on first use.
import * as vscode from 'vscode';
import { showError, showInfo } from '../host/notify';
import { InputText, pickInput } from '../host/input';
import { codeBlock, escapeMarkdown, findingsMarkdown, tableMarkdown } from '../host/markdown';
import { untrustedMarkdown } from '../host/markdownString';
import { ReportDocuments } from '../host/reports';
import {
  CertificateInfo,
  daysUntil,
  decodeCertificates,
  certificateFacts,
  describeKey,
  findPemBlocks,
  validityText,
} from '../core/certificates/certificates';
import { isInputError } from '../core/common/findings';
import { mayHoldCertificate } from '../core/common/sniff';

/** Decoded certificates per PEM text, so hovers and lenses do not decode the same block again on every request. */
const cache = new Map<string, CertificateInfo | Error>();
function decodeBlock(text: string): CertificateInfo | Error {
  let hit = cache.get(text);
  if (!hit) {
    try {
      hit = decodeCertificates(text)[0] as CertificateInfo;
    } catch (err) {
      hit = err as Error;
    }
    if (cache.size > 200) cache.clear();
    cache.set(text, hit);
  }
  // Days remaining depend on today, so they are refreshed on every read.
  if (!(hit instanceof Error)) {
    if (daysUntil(hit.notAfter, new Date()) !== hit.daysRemaining) {
      hit = decodeCertificates(text)[0] as CertificateInfo;
      cache.set(text, hit);
    }
  }
  return hit;
}

interface LocatedBlock {
  range: vscode.Range;
  text: string;
}

function certificateBlocks(doc: vscode.TextDocument): LocatedBlock[] {
  const text = doc.getText();
  if (!mayHoldCertificate(text)) return [];
  return findPemBlocks(text).map((b) => ({
    range: new vscode.Range(doc.positionAt(b.offset), doc.positionAt(b.offset + b.length)),
    text: text.slice(b.offset, b.offset + b.length),
  }));
}

export function expiryStatus(info: CertificateInfo): { icon: string; text: string } {
  const now = new Date();
  const valid = now >= new Date(info.notBefore) && now < new Date(info.notAfter);
  const icon = !valid ? '$(error)' : info.findings.some((f) => f.severity === 'warning') ? '$(warning)' : '$(pass)';
  return { icon, text: validityText(info, now) };
}

export function certificateHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  const block = certificateBlocks(doc).find((b) => b.range.contains(position));
  if (!block) return undefined;
  const info = decodeBlock(block.text);
  // Theme icons for the status icon; the subject and every other value from the file are escaped.
  const md = untrustedMarkdown('', { themeIcons: true });
  if (info instanceof Error) {
    md.appendMarkdown(`**Certificate** — cannot be read: ${escapeMarkdown(info.message)}`);
    return new vscode.Hover(md, block.range);
  }
  const status = expiryStatus(info);
  md.appendMarkdown(`**${escapeMarkdown(info.subject)}** ${status.icon} ${escapeMarkdown(status.text)}\n\n`);
  md.appendMarkdown(
    tableMarkdown([
      ['Issuer', info.selfSigned ? 'self-signed' : info.issuer],
      ['Valid until', info.notAfter],
      ['Key', `${describeKey(info.publicKey)}, ${info.signatureAlgorithm}`],
      ['SHA-1', info.sha1],
      ['SHA-256', info.sha256],
    ]),
  );
  if (info.findings.length) md.appendMarkdown('\n' + findingsMarkdown(info.findings));
  return new vscode.Hover(md, block.range);
}

/** A CodeLens above each certificate block with its subject and expiry. */
export function certificateLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
  return certificateBlocks(doc).map((block) => {
    const info = decodeBlock(block.text);
    const title =
      info instanceof Error
        ? '$(error) unreadable certificate'
        : (() => {
            const s = expiryStatus(info);
            // A subject such as "CN=$(alert)" must not show as an icon: `\$(` is the literal text.
            return `${s.icon} ${(info.subject.split(', ')[0] ?? '').replace(/\$\(/g, '\\$(')} — ${s.text}`;
          })();
    return new vscode.CodeLens(new vscode.Range(block.range.start, block.range.start), {
      title,
      tooltip: 'Decode this certificate',
      command: 'frontlineSso.decodeCertificate',
      arguments: [block.text, doc.uri.path.split('/').pop()],
    });
  });
}

export function certificateReport(certificates: CertificateInfo[], origin: string): string {
  const parts = [
    `# Certificate${certificates.length > 1 ? `s (${certificates.length})` : ''} from ${escapeMarkdown(origin)}\n`,
  ];
  certificates.forEach((c, i) => {
    const status = expiryStatus(c);
    if (certificates.length > 1) parts.push(`## ${i + 1}. ${escapeMarkdown(c.subject)}\n`);
    parts.push(`${escapeMarkdown(status.text.replace(/^./, (ch) => ch.toUpperCase()))}.\n`);
    parts.push(tableMarkdown(certificateFacts(c)));
    parts.push(findingsMarkdown(c.findings));
    parts.push(`PEM, for the Frontline Console's X.509 Certificate field:\n\n${codeBlock(c.pem)}`);
  });
  return parts.join('\n');
}

export async function decodeCommand(
  reports: ReportDocuments,
  arg?: unknown,
  origin?: string,
): Promise<CertificateInfo[] | undefined> {
  let input: InputText | undefined;
  if (typeof arg === 'string') {
    input = { data: arg, origin: origin ?? 'the editor' };
  } else {
    const editor = vscode.window.activeTextEditor;
    const atCursor =
      editor && editor.selection.isEmpty && !(arg instanceof vscode.Uri)
        ? certificateBlocks(editor.document).find((b) => b.range.contains(editor.selection.active))
        : undefined;
    input =
      atCursor && editor
        ? { data: atCursor.text, origin: editor.document.uri.path.split('/').pop() ?? 'the editor' }
        : await pickInput(
            {
              what: 'the certificate',
              placeholder: '-----BEGIN CERTIFICATE----- … or base64',
              fileExtensions: ['.pem', '.crt', '.cer', '.der'],
              fileFilters: { Certificates: ['pem', 'crt', 'cer', 'der'], 'All files': ['*'] },
            },
            arg instanceof vscode.Uri ? arg : undefined,
          );
  }
  if (!input) return undefined;
  let certificates: CertificateInfo[];
  try {
    certificates = decodeCertificates(input.data);
  } catch (err) {
    if (!isInputError(err)) throw err;
    void showError(err.message);
    return undefined;
  }
  await reports.show(`Certificate - ${input.origin}.md`, certificateReport(certificates, input.origin), {
    beside: true,
  });
  const first = certificates[0] as CertificateInfo;
  const copies = new Map([
    [vscode.l10n.t('Copy SHA-256'), first.sha256],
    [vscode.l10n.t('Copy SHA-1'), first.sha1],
    [vscode.l10n.t('Copy PEM'), first.pem],
  ]);
  void showInfo(`${first.subject}: ${expiryStatus(first).text}.`, ...copies.keys()).then(async (choice) => {
    const text = choice && copies.get(choice);
    if (text) await vscode.env.clipboard.writeText(text);
  });
  return certificates;
}
