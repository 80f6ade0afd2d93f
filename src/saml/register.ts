import { posix } from 'node:path';
import * as vscode from 'vscode';
import { findConfigFiles, pickConfigFile, readExpectations } from '../common/configFiles';
import { applyTextEdits, createFileUndoable } from '../common/edits';
import { InputText, pickInput } from '../common/input';
import { guarded } from '../common/log';
import { findingsMarkdown, tableMarkdown } from '../common/markdown';
import { ReportDocuments } from '../common/reports';
import { ConfigExpectations } from '../core/configFile';
import { ConfigUpdate, updateConfigText } from '../core/configEdits';
import { isInputError } from '../core/findings';
import { newConfigText } from '../core/newConfig';
import { checkIdpUrl } from '../core/idpUrl';
import { checkRealmSid } from '../core/realm';
import { validateRealmSidInput } from '../common/validation';
import type { MetadataReport, SamlReport } from '../core/saml';
import { loadSaml } from '../lazy';

/** IdP metadata import and SAML response decoding. The XML stack loads on first use of either. */
export function registerSaml(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'frontlineSso.importMetadata',
      guarded(log, 'Import IdP Metadata', (uri?: unknown) => importMetadata(reports, uri)),
    ),
    vscode.commands.registerCommand(
      'frontlineSso.decodeSamlResponse',
      guarded(log, 'Decode SAML Response', (arg?: unknown) => decodeResponse(reports, arg)),
    ),
  );
}

function reportInputError(err: unknown): undefined {
  if (!isInputError(err)) throw err;
  void vscode.window.showErrorMessage(err.message);
  return undefined;
}

export function metadataMarkdown(report: MetadataReport, origin: string): string {
  return [
    `# IdP metadata from ${origin}\n`,
    'For the Frontline Console SSO page:\n',
    tableMarkdown([
      ['Identity provider issuer', report.issuer],
      ['SSO URL', report.ssoUrl],
      ['Sign-out URL', report.sloUrl],
      ['Region', report.region],
      ['Account', report.accountId],
    ]),
    ...report.decodedCertificates.map(
      (c, i) =>
        `\n**Signing certificate ${i + 1}**: ${c.subject}, valid until ${c.notAfter} (${c.daysRemaining} days), SHA-256 \`${c.sha256}\`\n\n\`\`\`\n${c.pem}\`\`\`\n`,
    ),
    '\n## Checks\n',
    findingsMarkdown(report.findings),
  ].join('\n');
}

/** Writes issuer, sign-in URL and certificate into a config document, as one undoable edit. */
export async function writeMetadataIntoConfig(
  target: vscode.Uri,
  report: MetadataReport,
  metadataUri?: vscode.Uri,
): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(target);
  const pem = report.decodedCertificates[0]?.pem;
  const updates: ConfigUpdate[] = [
    { path: ['identityProvider', 'issuer'], value: report.issuer },
    { path: ['identityProvider', 'ssoUrl'], value: report.ssoUrl },
  ];
  if (pem)
    updates.push(
      { path: ['identityProvider', 'certificate'], value: pem },
      { path: ['identityProvider', 'certificateFile'], value: undefined },
    );
  if (metadataUri && metadataUri.scheme === target.scheme && metadataUri.authority === target.authority) {
    // metadataFile is relative to the config file, as the linter reads it.
    const relative = posix.relative(posix.dirname(target.path), metadataUri.path);
    updates.push({
      path: ['identityProvider', 'metadataFile'],
      value: relative.startsWith('.') ? relative : `./${relative}`,
    });
  }
  const { edit } = updateConfigText(doc.getText(), updates);
  if (!edit) return true;
  const applied = await applyTextEdits(doc, [edit]);
  if (applied) await vscode.window.showTextDocument(doc, { preview: false });
  return applied;
}

async function importMetadata(reports: ReportDocuments, arg?: unknown): Promise<MetadataReport | undefined> {
  const input = await pickInput(
    {
      what: 'the IdP metadata XML',
      placeholder: '<md:EntityDescriptor …>',
      fileExtensions: ['.xml'],
      fileFilters: { 'SAML metadata': ['xml'], 'All files': ['*'] },
    },
    arg instanceof vscode.Uri ? arg : undefined,
  );
  if (!input) return undefined;
  let report: MetadataReport;
  try {
    report = loadSaml().checkIdpMetadata(input.data);
  } catch (err) {
    return reportInputError(err);
  }
  await reports.show(`Metadata - ${input.origin}.md`, metadataMarkdown(report, input.origin), { beside: true });
  type Choice = vscode.QuickPickItem & { id: string };
  const choices: Choice[] = [
    {
      label: '$(save) Write into frontline-sso.json',
      description: 'issuer, sign-in URL and certificate, as one undoable edit',
      id: 'write',
    },
    { label: '$(copy) Copy issuer URL', description: report.issuer, id: 'issuer' },
    { label: '$(copy) Copy sign-in URL', description: report.ssoUrl, id: 'ssoUrl' },
  ];
  if (report.decodedCertificates[0])
    choices.push({
      label: '$(copy) Copy certificate (PEM)',
      description: report.decodedCertificates[0].subject,
      id: 'cert',
    });
  const choice = await vscode.window.showQuickPick(choices, { title: 'Use the metadata' });
  if (!choice) return report;
  if (choice.id === 'write') {
    let target = await pickConfigFile('should receive the metadata');
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void vscode.window.showWarningMessage('Open a folder first: the config file is created in the workspace.');
        return report;
      }
      target = vscode.Uri.joinPath(folder.uri, 'frontline-sso.json');
      await createFileUndoable(target, newConfigText());
    }
    if (await writeMetadataIntoConfig(target, report, input.uri)) {
      void vscode.window.showInformationMessage(
        `Wrote the issuer, sign-in URL and certificate into ${vscode.workspace.asRelativePath(target)}. Undo reverts it.`,
      );
    }
  } else {
    const text =
      choice.id === 'issuer'
        ? report.issuer
        : choice.id === 'ssoUrl'
          ? (report.ssoUrl ?? '')
          : (report.decodedCertificates[0]?.pem ?? '');
    await vscode.env.clipboard.writeText(text);
  }
  return report;
}

async function expectationsFromWorkspace(): Promise<ConfigExpectations | undefined> {
  const uri = await pickConfigFile('describes this setup');
  if (uri) {
    try {
      return await readExpectations(uri);
    } catch (err) {
      if (!isInputError(err)) throw err;
      void vscode.window.showWarningMessage(
        `${vscode.workspace.asRelativePath(uri)}: ${err.message} Checking without it.`,
      );
    }
  }
  // No config: ask, each answer optional.
  const realm = await vscode.window.showInputBox({
    title: 'Check against which Realm SID? (optional)',
    placeHolder: 'JB… — leave empty to skip the Destination and Audience checks',
    ignoreFocusOut: true,
    validateInput: validateRealmSidInput,
  });
  if (realm === undefined) return undefined;
  const issuer = await vscode.window.showInputBox({
    title: 'Expected issuer URL (optional)',
    placeHolder: 'https://portal.sso.<region>.amazonaws.com/saml/assertion/…',
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim() ? checkIdpUrl('issuer', value).findings.find((f) => f.severity === 'error')?.message : undefined,
  });
  if (issuer === undefined) return undefined;
  const [certUri] =
    (await vscode.window.showOpenDialog({
      title: 'IdP certificate to verify the signatures (Cancel to skip)',
      filters: { Certificates: ['pem', 'crt', 'cer'] },
    })) ?? [];
  return {
    realmSid: realm ? checkRealmSid(realm).sid : undefined,
    issuer: issuer || undefined,
    certificatePem: certUri ? Buffer.from(await vscode.workspace.fs.readFile(certUri)).toString('utf8') : undefined,
  };
}

export function samlMarkdown(report: SamlReport): string {
  const sig = report.signature;
  return [
    '# SAML response\n',
    findingsMarkdown(report.checks, '✅ All checks passed: Frontline should accept this response.'),
    '\n## Contents\n',
    tableMarkdown([
      ['Destination', report.destination],
      ['Issuer', report.issuer],
      ['Audience', report.audience],
      ['NameID', report.nameId],
      ['NameID format', report.nameIdFormat],
      ['Not before', report.notBefore],
      ['Not on or after', report.notOnOrAfter],
      [
        'Signatures',
        `response ${sig.responseSigned ? 'signed' : 'unsigned'}, assertion ${sig.assertionSigned ? 'signed' : 'unsigned'}: ${sig.valid === null ? 'not verified (no certificate)' : sig.valid ? 'verified' : 'NOT valid'}`,
      ],
      ['Signature algorithm', sig.algorithm],
      ...Object.entries(report.attributes).map(([k, v]) => [`Attribute \`${k}\``, v.join(', ')] as const),
    ]),
  ].join('\n');
}

async function decodeResponse(reports: ReportDocuments, arg?: unknown): Promise<SamlReport | undefined> {
  const input: InputText | undefined =
    typeof arg === 'string'
      ? { data: arg, origin: 'argument' }
      : await pickInput(
          {
            what: 'the SAMLResponse',
            placeholder: 'PHNhbWxwOlJlc3BvbnNl… (base64), SAMLResponse=… or <samlp:Response>',
            fileExtensions: ['.saml', '.b64'],
            fileFilters: { 'SAML responses': ['xml', 'txt', 'b64', 'saml'], 'All files': ['*'] },
          },
          arg instanceof vscode.Uri ? arg : undefined,
        );
  if (!input) return undefined;
  const saml = loadSaml();
  let xml: string;
  try {
    xml = saml.decodeSamlInput(input.data);
  } catch (err) {
    return reportInputError(err);
  }
  const expect = typeof arg === 'string' ? await expectationsFromWorkspaceQuiet() : await expectationsFromWorkspace();
  if (!expect) return undefined;
  let report: SamlReport;
  try {
    report = saml.checkSamlResponse(xml, expect);
  } catch (err) {
    return reportInputError(err);
  }
  await reports.show('SAML response.xml', saml.formatXml(report.xml));
  await reports.show('SAML response checks.md', samlMarkdown(report), { beside: true });
  return report;
}

/**
 * For calls from other features and tests, without asking: the workspace's frontline-sso.json at the root of the
 * first folder, else the only config file; none when that is ambiguous.
 */
async function expectationsFromWorkspaceQuiet(): Promise<ConfigExpectations> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return {};
  const found = await findConfigFiles();
  const rootConfig = vscode.Uri.joinPath(folder.uri, 'frontline-sso.json').toString();
  const uri = found.find((u) => u.toString() === rootConfig) ?? (found.length === 1 ? found[0] : undefined);
  return uri ? readExpectations(uri).catch(() => ({})) : {};
}
