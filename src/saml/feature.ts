// Import IdP Metadata, Decode SAML Response, Copy Redacted Report: the work, loaded on first use (see register.ts).
import * as vscode from 'vscode';
import { showError, showInfo, showWarning } from '../host/notify';
import { readExpectations } from '../host/configFiles';
import { SETTINGS, findConfigFiles, pickConfigFile } from '../host/documents';
import { applyTextEdits, createFileUndoable } from '../host/edits';
import { InputText, inputAsText, pickInput, readUri } from '../host/input';
import { codeBlock, codeSpan, escapeMarkdown, findingsMarkdown, tableMarkdown } from '../host/markdown';
import { relativeUriPath, uriDirname } from '../host/paths';
import { ReportDocuments } from '../host/reports';
import { ConfigExpectations } from '../core/config/file';
import { checkRecognisingProvider, configSamlExpectations } from '../core/providers/saml';
import { ConfigUpdate, updateConfigText } from '../core/config/edits';
import { isInputError } from '../core/common/findings';
import { newConfigText } from '../core/config/newConfig';
import { checkIdpUrl } from '../core/values/idpUrl';
import { checkRealmSid } from '../core/values/realm';
import { validateRealmSidInput } from '../host/validation';
import { MAX_CERTIFICATE_INPUT_BYTES } from '../core/common/limits';
import type { HarSamlRequest, MetadataReport, SamlExpectations, SamlReport } from '../core/saml';
import { loadSaml } from '../lazyParts';

/** The last decoded report, in memory only, for Copy Redacted Report (it holds personal data: never persisted). */
export interface LastReport {
  report?: SamlReport;
  origin?: string;
}

function reportInputError(err: unknown): undefined {
  if (!isInputError(err)) throw err;
  void showError(err.message);
  return undefined;
}

export function metadataMarkdown(report: MetadataReport, origin: string): string {
  return [
    `# IdP metadata from ${escapeMarkdown(origin)}\n`,
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
        `\n**Signing certificate ${i + 1}**: ${escapeMarkdown(c.subject)}, valid until ${escapeMarkdown(c.notAfter)} (${c.daysRemaining} days), SHA-256 ${codeSpan(c.sha256)}\n\n${codeBlock(c.pem)}`,
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
    const relative = relativeUriPath(uriDirname(target.path), metadataUri.path);
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

/**
 * Import IdP Metadata. `options.writeInto` (for other features and tests) writes into that config without asking;
 * otherwise the user chooses what to do with the metadata.
 */
export async function importMetadata(
  reports: ReportDocuments,
  arg?: unknown,
  options?: unknown,
): Promise<MetadataReport | undefined> {
  const writeInto =
    typeof options === 'object' &&
    options !== null &&
    (options as { writeInto?: unknown }).writeInto instanceof vscode.Uri
      ? (options as { writeInto: vscode.Uri }).writeInto
      : undefined;
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
  const choice = writeInto
    ? choices[0]
    : await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Use the metadata') });
  if (!choice) return report;
  if (choice.id === 'write') {
    let target = writeInto ?? (await pickConfigFile('should receive the metadata'));
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        void showWarning(vscode.l10n.t('Open a folder first: the config file is created in the workspace.'));
        return report;
      }
      target = vscode.Uri.joinPath(folder.uri, 'frontline-sso.json');
      await createFileUndoable(target, newConfigText());
    }
    if (await writeMetadataIntoConfig(target, report, input.uri)) {
      void showInfo(
        vscode.l10n.t(
          'Wrote the issuer, sign-in URL and certificate into {0}. Undo reverts it.',
          vscode.workspace.asRelativePath(target),
        ),
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
      void showWarning(
        vscode.l10n.t('{0}: {1} Checking without it.', vscode.workspace.asRelativePath(uri), err.message),
      );
    }
  }
  // No config: ask, each answer optional.
  const realm = await vscode.window.showInputBox({
    title: vscode.l10n.t('Check against which Realm SID? (optional)'),
    placeHolder: vscode.l10n.t('JB… — leave empty to check against the provider the response names (Flex, GitHub…)'),
    ignoreFocusOut: true,
    validateInput: validateRealmSidInput,
  });
  if (realm === undefined) return undefined;
  const issuer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Expected issuer URL (optional)'),
    placeHolder: 'https://portal.sso.<region>.amazonaws.com/saml/assertion/…',
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim() ? checkIdpUrl('issuer', value).findings.find((f) => f.severity === 'error')?.message : undefined,
  });
  if (issuer === undefined) return undefined;
  const [certUri] =
    (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('IdP certificate to verify the signatures (Cancel to skip)'),
      filters: { Certificates: ['pem', 'crt', 'cer'] },
    })) ?? [];
  return {
    realmSid: realm ? checkRealmSid(realm).sid : undefined,
    issuer: issuer || undefined,
    certificatePem: certUri ? inputAsText((await readUri(certUri, MAX_CERTIFICATE_INPUT_BYTES)).data) : undefined,
  };
}

export function samlMarkdown(report: SamlReport): string {
  const sig = report.signature;
  return [
    '# SAML response\n',
    `**${escapeMarkdown(loadSaml().samlVerdict(report))}**\n`,
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
      ...sig.configuredSha256.map((f) => ['Configured certificate (SHA-256)', f] as const),
      ...sig.keyInfoSha256.map((f) => ['Certificate in the response (SHA-256)', f] as const),
      ['Checked at', `${report.checkedAt}, allowing ${report.clockSkewSeconds} s of clock skew`],
      ...Object.entries(report.attributes).map(([k, v]) => [`Attribute ${codeSpan(k)}`, v.join(', ')] as const),
    ]),
    '\nTo share this report, run **Frontline SSO: Copy Redacted Report**: it masks the personal data.',
  ].join('\n');
}

/** The clock-skew allowance from the settings, within the bounds the checks accept. */
function clockSkewSeconds(max: number, fallback: number): number {
  const value = vscode.workspace.getConfiguration(SETTINGS).get<number>('saml.clockSkewSeconds');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max ? value : fallback;
}

function describeRequest(request: HarSamlRequest): vscode.QuickPickItem & { request: HarSamlRequest } {
  let target = request.url ?? '(no URL)';
  try {
    const url = new URL(target);
    target = `${url.host}${url.pathname}`;
  } catch {
    // Not a URL: shown as it is.
  }
  return {
    label: `${request.index}. ${request.method ?? 'POST'} ${target}`,
    description: request.startedDateTime ?? undefined,
    detail: `SAMLResponse in the ${request.source}`,
    request,
  };
}

/** Lets the user choose one of the SAML requests of a HAR file (the only one is taken without asking). */
async function chooseHarRequest(requests: HarSamlRequest[], origin: string): Promise<HarSamlRequest | undefined> {
  if (requests.length === 1) return requests[0];
  // Latest first: the failed sign-in is usually the last one recorded.
  const picked = await vscode.window.showQuickPick([...requests].reverse().map(describeRequest), {
    title: vscode.l10n.t('{0}: {1} requests carry a SAMLResponse. Which one?', origin, requests.length),
    placeHolder: vscode.l10n.t('Latest first: the failed sign-in is usually the last one'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.request;
}

export async function decodeResponse(
  reports: ReportDocuments,
  last: LastReport,
  arg?: unknown,
): Promise<SamlReport | undefined> {
  const saml = loadSaml();
  const input: InputText | undefined =
    typeof arg === 'string'
      ? { data: arg, origin: 'argument' }
      : await pickInput(
          {
            what: 'the SAMLResponse or a HAR file',
            placeholder: 'PHNhbWxwOlJlc3BvbnNl… (base64), SAMLResponse=… or <samlp:Response>',
            fileExtensions: ['.saml', '.b64', '.har'],
            fileFilters: {
              'SAML responses and HAR files': ['xml', 'txt', 'b64', 'saml', 'har'],
              'All files': ['*'],
            },
            maxBytes: saml.MAX_HAR_BYTES,
          },
          arg instanceof vscode.Uri ? arg : undefined,
        );
  if (!input) return undefined;
  let text = inputAsText(input.data);
  let origin = input.origin;
  let xml: string;
  try {
    if (saml.looksLikeHar(text)) {
      const requests = saml.findSamlRequestsInHar(text);
      if (requests.length === 0) {
        void showWarning(
          vscode.l10n.t(
            '{0} has no request that carries a SAMLResponse. In the browser\'s developer tools, turn on "Preserve log" in the Network panel (the sign-in page redirects away), sign in again, then save all as HAR.',
            origin,
          ),
        );
        return undefined;
      }
      const request = await chooseHarRequest(requests, origin);
      if (!request) return undefined;
      text = request.samlResponse;
      origin = `${origin}, request ${request.index} (${request.startedDateTime ?? 'no time'})`;
    }
    xml = saml.decodeSamlInput(text);
  } catch (err) {
    return reportInputError(err);
  }
  const expect = typeof arg === 'string' ? await expectationsFromWorkspaceQuiet() : await expectationsFromWorkspace();
  if (!expect) return undefined;
  let report: SamlReport;
  try {
    const fromConfig = configSamlExpectations(expect);
    const given = {
      ...fromConfig.expect,
      clockSkewSeconds: clockSkewSeconds(saml.MAX_CLOCK_SKEW_SECONDS, saml.DEFAULT_CLOCK_SKEW_SECONDS),
    };
    const now = new Date();
    const check = (e: SamlExpectations) => saml.checkSamlResponse(xml, e, now);
    if (fromConfig.provider) {
      // The config names its provider: its expectations, and what its params lack, lead the report.
      report = await check(given);
      report.checks.unshift(...fromConfig.provider.findings);
    } else {
      // No Realm SID, from a config or the prompt: the response's Destination or Audience may name its provider.
      report = expect.realmSid ? await check(given) : (await checkRecognisingProvider(check, given)).report;
    }
  } catch (err) {
    return reportInputError(err);
  }
  last.report = report;
  last.origin = origin;
  await reports.show('SAML response.xml', saml.formatXml(report.xml));
  await reports.show('SAML response checks.md', samlMarkdown(report), { beside: true });
  return report;
}

/** The last report with personal data masked, on the clipboard for a support ticket. */
export async function copyRedactedReport(last: LastReport): Promise<string | undefined> {
  if (!last.report) {
    const decode = 'Decode SAML Response';
    const choice = await showInfo(
      vscode.l10n.t(
        'There is no report to copy yet: decode a SAML response first, then copy its report with personal data masked.',
      ),
      decode,
    );
    if (choice === decode) await vscode.commands.executeCommand('frontlineSso.decodeSamlResponse');
    return undefined;
  }
  const text = loadSaml().redactedSamlReport(last.report, last.origin);
  await vscode.env.clipboard.writeText(text);
  void showInfo(
    vscode.l10n.t(
      'Copied the report with personal data masked (NameID, attribute values, email and IP addresses); certificates appear as fingerprints. Read it over before you share it.',
    ),
  );
  return text;
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
