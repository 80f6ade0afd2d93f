import { CertificateInfo, certificateBase64, decodeCertificates } from '../certificates/certificates';
import { ruleFinding } from './rules';
import { Finding, SEVERITY_RANK, Severity, TextSpan, finding, isInputError } from '../common/findings';
import { IdpMetadata } from '../values/idpMetadata';
import { LoadedFiles } from '../common/loadedFile';
import { checkIdpPair, checkIdpUrl, idpUrl } from '../values/idpUrl';
import { RECOMMENDED_MAPPINGS } from '../config/mappings';
import { checkRealmSid, checkServiceProviderUrl, frontlineValues } from '../values/realm';
import { excerpt } from '../common/text';
import {
  Node,
  child,
  duplicateKeyFindings,
  modifyJson,
  innerSpan,
  keySpan,
  parseJsonc,
  property,
  replaceValueEdit,
  spanOf,
  stringValue,
} from './jsonNodes';
import { lintMappings } from './rules/attributeMappings';
import { lintApplication } from './rules/application';
import { configProvider, lintProviderSection, mappingExpectations } from './providerConfig';
import { ServiceProviderSection, readServiceProvider, realmSidNodes } from '../config/serviceProvider';
import type { UserProviderFile } from '../providers/user';
import { isProviderFileName, lintProviderFileText } from './providerFile';
import { mappingRows } from '../providers';
import { MAX_FINDINGS } from './rules/json';
import { lintUnknownKeys, objectSection, startOf, stringProperty } from './rules/config';

export type FileKind = 'config' | 'mappings';
export type SeveritySetting = Severity | 'off';

export interface LintOptions {
  kind: FileKind;
  now?: Date;
  /**
   * The files the config names (see referencedFiles), read beforehand by the caller. A file that is not in the map is
   * not checked (the configurator, for example, lints without touching the disk).
   */
  files?: LoadedFiles;
  /** Parses IdP metadata XML; injected so that linting does not load the XML stack unless a config needs it. */
  parseMetadata?: (xml: Uint8Array) => IdpMetadata;
  /** Per-rule severity overrides, as in ESLint: a rule code → a severity or "off". */
  severities?: Readonly<Record<string, SeveritySetting>>;
  /**
   * The user's own provider files (`*.sso-provider.json`), read and checked beforehand by the caller (readUserProviderFile):
   * a config whose `serviceProvider.id` names one is checked against it like against a built-in provider.
   */
  providers?: readonly UserProviderFile[];
}

/** File kind from the name: `frontline-sso.json`, `*.frontline-sso.json`, `*.attribute-mappings.json`. */
export function fileKindOf(fileName: string): FileKind | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').toLowerCase();
  if (base === 'frontline-sso.json' || base.endsWith('.frontline-sso.json')) return 'config';
  if (base.endsWith('.attribute-mappings.json')) return 'mappings';
  return undefined;
}

/** Lints a config or mapping file. Never throws on bad content: everything becomes a finding. */
export function lintText(text: string, options: LintOptions): Finding[] {
  const { root, findings } = text.trim() === '' ? { root: undefined, findings: [] } : parseJsonc(text);
  if (root) {
    findings.push(...duplicateKeyFindings(root));
    if (options.kind === 'config') lintConfig(root, text, options, findings);
    else lintMappingFile(root, text, findings);
  } else if (findings.length === 0) {
    findings.push(
      ruleFinding(
        'json-empty',
        options.kind === 'config'
          ? 'The file is empty. Run "Frontline SSO: New Config File" for a starting point.'
          : 'The file is empty. It holds an array of attribute mappings, or { "attributeMappings": [...] }.',
        { span: { offset: 0, length: 0 } },
      ),
    );
  }
  return capFindings(applySeverities(findings, options.severities));
}

export { MAX_FINDINGS };
export { isProviderFileName };

/**
 * Lints a user's provider file (`*.sso-provider.json`); `name` names it to the user, `providers` are the provider
 * files beside it (for ids declared twice). Never throws on bad content.
 */
export function lintProviderText(
  text: string,
  options: { name: string; providers?: readonly UserProviderFile[]; severities?: LintOptions['severities'] },
): Finding[] {
  return capFindings(applySeverities(lintProviderFileText(text, options.name, options.providers), options.severities));
}

/** Keeps the first MAX_FINDINGS findings, errors first, and sums up the rest with their worst severity. */
export function capFindings(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const ranked = findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.index - b.index);
  const kept = ranked
    .slice(0, MAX_FINDINGS)
    .sort((a, b) => a.index - b.index)
    .map((r) => r.f);
  const dropped = ranked.slice(MAX_FINDINGS).map((r) => r.f);
  const count = (severity: Severity) => dropped.filter((f) => f.severity === severity).length;
  const parts = (['error', 'warning', 'info'] as const)
    .map((severity) => [count(severity), severity] as const)
    .filter(([n]) => n > 0)
    .map(([n, severity]) => `${n} ${severity === 'info' ? 'note' : severity}${n === 1 ? '' : 's'}`);
  kept.push(
    finding(
      'lint-truncated',
      (dropped[0] as Finding).severity,
      `${dropped.length} more problems are not listed (${parts.join(', ')}); fix the ones above first.`,
      { span: { offset: 0, length: 0 } },
    ),
  );
  return kept;
}

export function applySeverities(
  findings: Finding[],
  severities?: Readonly<Record<string, SeveritySetting>>,
): Finding[] {
  if (!severities) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = severities[f.code];
    if (setting === 'off') continue;
    out.push(setting === 'error' || setting === 'warning' || setting === 'info' ? { ...f, severity: setting } : f);
  }
  return out;
}

function lintMappingFile(root: Node, text: string, out: Finding[]): void {
  if (root.type === 'array') {
    lintMappings(root, text, root, out);
    return;
  }
  const array = child(root, 'attributeMappings');
  if (array?.type === 'array') {
    lintMappings(array, text, property(root, 'attributeMappings')?.children?.[0] ?? array, out);
    return;
  }
  out.push(
    ruleFinding(
      'mappings-file-shape',
      'A mapping file holds an array of attribute mappings, or an object { "attributeMappings": [...] }.',
      {
        span: { offset: root.offset, length: 1 },
      },
    ),
  );
}

function lintConfig(root: Node, text: string, options: LintOptions, out: Finding[]): void {
  if (root.type !== 'object') {
    out.push(
      ruleFinding(
        'config-not-object',
        'A Frontline SSO config file holds one JSON object; see "Frontline SSO: New Config File".',
        { span: startOf(root) },
      ),
    );
    return;
  }
  lintUnknownKeys(root, '', out);
  const section = readServiceProvider(root);
  const chosen = configProvider(section, text, out, options.providers);
  // Frontline's own rules (Realm SID, Workspace ID, its ACS URL and audience) apply to Frontline only.
  const realmSid = chosen.kind === 'frontline' ? lintFrontline(root, section, text, out) : undefined;
  const sp = objectSection(root, 'serviceProvider', out);
  if (sp) {
    lintUnknownKeys(sp, 'serviceProvider', out);
    if (chosen.kind === 'frontline') lintFrontlineValues(sp, realmSid, text, out);
    else if (chosen.kind === 'provider') lintProviderSection(chosen.definition, section, text, out);
  }
  lintIdentityProvider(root, text, options, out);
  const application = objectSection(root, 'application', out);
  if (application) {
    const issuer = stringValue(child(child(root, 'identityProvider'), 'issuer'));
    lintApplication(application, issuer ? checkIdpUrl('issuer', issuer).info?.region : undefined, out);
  }
  const mappings = child(root, 'attributeMappings');
  if (!mappings && chosen.kind === 'provider') {
    const rows = mappingRows(chosen.definition);
    const edits = modifyJson(text, ['attributeMappings'], rows);
    out.push(
      ruleFinding(
        'mappings-missing',
        `No "attributeMappings": ${chosen.definition.id} needs ${rows.map((r) => r.attribute).join(', ') || 'the mappings its console names'}.`,
        {
          span: startOf(root),
          fix: edits ? { title: `Add the mappings of ${chosen.definition.id}`, edits, preferred: true } : undefined,
        },
      ),
    );
  } else if (!mappings) {
    const edits = modifyJson(text, ['attributeMappings'], RECOMMENDED_MAPPINGS);
    out.push(
      ruleFinding('mappings-missing', 'No "attributeMappings": Frontline needs Subject, email and roles mapped.', {
        span: startOf(root),
        fix: edits ? { title: 'Add the recommended attribute mappings', edits, preferred: true } : undefined,
      }),
    );
  } else if (mappings.type !== 'array') {
    out.push(
      ruleFinding('config-type', '"attributeMappings" must be an array of mappings.', { span: spanOf(mappings) }),
    );
  } else {
    const anchor = property(root, 'attributeMappings')?.children?.[0] ?? mappings;
    // An unknown provider's mappings are checked for what every provider shares (variables, formats, duplicates).
    const expected =
      chosen.kind === 'provider'
        ? mappingExpectations(chosen.definition)
        : chosen.kind === 'unknown'
          ? { name: 'the provider', attributes: [] }
          : undefined;
    lintMappings(mappings, text, anchor, out, expected);
  }
}

/** Frontline's Realm SID and Workspace ID; returns the Realm SID when it is valid. */
function lintFrontline(root: Node, section: ServiceProviderSection, text: string, out: Finding[]): string | undefined {
  const realmSid = lintRealmSid(root, section, text, out);
  const workspace = stringProperty(root, 'workspaceId', out);
  if (!child(root, 'workspaceId')) {
    out.push(
      ruleFinding(
        'workspace-id-missing',
        'No "workspaceId": add the Workspace ID users type in the Frontline app (set on the Frontline Console SSO page).',
        { span: startOf(root) },
      ),
    );
  } else if (workspace && workspace.value.trim() === '') {
    out.push(
      ruleFinding('workspace-id-empty', 'The Workspace ID is empty; users type it in the Frontline app to sign in.', {
        span: spanOf(workspace.node),
      }),
    );
  }
  return realmSid;
}

/** Frontline's ACS URL and audience, built from the Realm SID. */
function lintFrontlineValues(sp: Node, realmSid: string | undefined, text: string, out: Finding[]): void {
  for (const field of ['acsUrl', 'audience'] as const) {
    const prop = stringProperty(sp, field, out);
    if (!prop) continue;
    const expected = realmSid ? frontlineValues(realmSid)[field] : undefined;
    for (const f of checkServiceProviderUrl(field, prop.value, realmSid)) {
      out.push({
        ...f,
        span: innerSpan(prop.node, text),
        fix: expected
          ? { title: `Replace with ${expected}`, edits: [replaceValueEdit(prop.node, expected)], preferred: true }
          : undefined,
      });
    }
  }
}

/**
 * Frontline's Realm SID, at the top level (`realmSid`) or as the provider param (`serviceProvider.params.realmSid`):
 * either counts, each is checked where it is, and two that differ are an error.
 */
function lintRealmSid(root: Node, section: ServiceProviderSection, text: string, out: Finding[]): string | undefined {
  const nodes = realmSidNodes(root, section);
  if (!nodes.top && !nodes.param) {
    out.push(
      ruleFinding(
        'realm-sid-missing',
        'No "realmSid": add the Frontline Realm SID (JB…, on the Frontline Console SSO page).',
        { span: startOf(root) },
      ),
    );
    return undefined;
  }
  const top = nodes.top ? checkRealmSidNode(stringProperty(root, 'realmSid', out), text, out) : undefined;
  if (!nodes.param) return top;
  const paramValue = stringValue(nodes.param);
  if (paramValue === undefined) {
    out.push(ruleFinding('provider-params-type', '"realmSid" must be a string.', { span: spanOf(nodes.param) }));
    return top;
  }
  const param = checkRealmSidNode({ node: nodes.param, value: paramValue }, text, out);
  if (top && param && top !== param) {
    out.push(
      ruleFinding(
        'realm-sid-conflict',
        `Two different Realm SIDs: "realmSid" is ${top} and "serviceProvider.params.realmSid" is ${param}. Keep the one from the Frontline Console SSO page and remove the other.`,
        {
          span: innerSpan(nodes.param, text),
          related: nodes.top ? [{ message: 'The top-level "realmSid"', span: spanOf(nodes.top) }] : undefined,
        },
      ),
    );
    return undefined;
  }
  return top ?? param;
}

/** Checks one Realm SID value where it is; returns the SID when it is valid. */
function checkRealmSidNode(
  prop: { node: Node; value: string } | undefined,
  text: string,
  out: Finding[],
): string | undefined {
  if (!prop) return undefined;
  const result = checkRealmSid(prop.value);
  const replacement = result.sid ?? result.suggestion;
  for (const f of result.findings) {
    out.push({
      ...f,
      span: innerSpan(prop.node, text),
      fix:
        replacement && replacement !== prop.value
          ? { title: `Replace with ${replacement}`, edits: [replaceValueEdit(prop.node, replacement)], preferred: true }
          : undefined,
    });
  }
  return result.sid;
}

function lintIdentityProvider(root: Node, text: string, options: LintOptions, out: Finding[]): void {
  const idp = child(root, 'identityProvider');
  if (!idp || idp.type !== 'object') {
    out.push(
      ruleFinding(
        'idp-missing',
        'No "identityProvider": add the issuer URL, sign-in URL and certificate from the IAM Identity Center application.',
        { span: idp ? spanOf(idp) : startOf(root) },
      ),
    );
    return;
  }
  lintUnknownKeys(idp, 'identityProvider', out);
  const anchor = keySpan(root, 'identityProvider') ?? startOf(idp);
  const urls: Partial<Record<'issuer' | 'ssoUrl', { node: Node; value: string }>> = {};
  for (const field of ['issuer', 'ssoUrl'] as const) {
    const prop = stringProperty(idp, field, out);
    if (!child(idp, field)) {
      out.push(
        ruleFinding(
          `idp-${field}-missing`,
          `No "${field}" in identityProvider: copy the IAM Identity Center ${field === 'issuer' ? 'issuer URL' : 'sign-in URL'}.`,
          { span: anchor },
        ),
      );
    }
    if (!prop) continue;
    urls[field] = prop;
    const parsed = checkIdpUrl(field, prop.value);
    for (const f of parsed.findings) {
      let replacement: string | undefined;
      if (
        parsed.info &&
        (f.code.endsWith('-wrong-endpoint') || f.code.endsWith('-trailing-slash') || f.code.endsWith('-query'))
      ) {
        replacement = idpUrl(parsed.info.region, parsed.info.id, 'assertion');
      }
      out.push({
        ...f,
        span: innerSpan(prop.node, text),
        fix: replacement
          ? { title: `Replace with ${replacement}`, edits: [replaceValueEdit(prop.node, replacement)], preferred: true }
          : undefined,
      });
    }
  }
  if (urls.issuer && urls.ssoUrl) {
    for (const f of checkIdpPair(urls.issuer.value, urls.ssoUrl.value))
      out.push({ ...f, span: innerSpan(urls.ssoUrl.node, text) });
  }
  const certificates = lintCertificate(idp, text, options, anchor, out);
  lintMetadataFile(idp, text, options, urls, certificates, out);
}

function readRelative(
  options: LintOptions,
  path: string,
  what: string,
  node: Node,
  code: 'cert-file' | 'metadata-file',
  out: Finding[],
): Uint8Array | undefined {
  const file = options.files?.get(path);
  if (!file) return undefined;
  if (file.ok) return file.bytes;
  const span = spanOf(node);
  if (file.problem === 'missing') {
    out.push(
      ruleFinding(
        `${code}-missing`,
        `The ${what} "${excerpt(path)}" does not exist (paths are relative to this config file).`,
        { span },
      ),
    );
  } else if (file.problem === 'outside-workspace' || file.problem === 'virtual') {
    out.push(
      ruleFinding(`${code}-not-read`, `The ${what} "${excerpt(path)}" was not read: ${file.message}.`, { span }),
    );
  } else {
    out.push(
      ruleFinding(`${code}-unreadable`, `The ${what} "${excerpt(path)}" cannot be read: ${file.message}.`, {
        span,
      }),
    );
  }
  return undefined;
}

function lintCertificate(
  idp: Node,
  text: string,
  options: LintOptions,
  anchor: TextSpan,
  out: Finding[],
): CertificateInfo[] {
  const inline = stringProperty(idp, 'certificate', out);
  const file = stringProperty(idp, 'certificateFile', out);
  if (!child(idp, 'certificate') && !child(idp, 'certificateFile')) {
    out.push(
      ruleFinding(
        'cert-missing',
        'No certificate: add "certificate" (the PEM text) or "certificateFile" (a path) with the IAM Identity Center certificate.',
        { span: anchor },
      ),
    );
    return [];
  }
  if (inline && file) {
    out.push(
      ruleFinding(
        'cert-both',
        'Both "certificate" and "certificateFile" are set; keep one so there is no doubt which one Frontline has.',
        { span: spanOf(file.node) },
      ),
    );
  }
  const source = inline ?? file;
  if (!source) return [];
  const bytes = inline
    ? inline.value
    : readRelative(options, source.value, 'certificate file', source.node, 'cert-file', out);
  if (bytes === undefined) return [];
  const span = inline ? innerSpan(source.node, text) : spanOf(source.node);
  let certificates: CertificateInfo[];
  try {
    certificates = decodeCertificates(bytes, options.now);
  } catch (err) {
    if (!isInputError(err)) throw err;
    out.push(ruleFinding('cert-unreadable', `The certificate cannot be read: ${err.message}`, { span }));
    return [];
  }
  if (certificates.length > 1) {
    out.push(
      ruleFinding(
        'cert-multiple',
        `There are ${certificates.length} certificates here; the Frontline Console takes the single certificate of the IAM Identity Center application.`,
        { span },
      ),
    );
  }
  for (const cert of certificates) out.push(...cert.findings.map((f) => ({ ...f, span })));
  return certificates;
}

function lintMetadataFile(
  idp: Node,
  text: string,
  options: LintOptions,
  urls: Partial<Record<'issuer' | 'ssoUrl', { node: Node; value: string }>>,
  certificates: CertificateInfo[],
  out: Finding[],
): void {
  const file = stringProperty(idp, 'metadataFile', out);
  if (!file || !options.parseMetadata) return;
  const bytes = readRelative(options, file.value, 'metadata file', file.node, 'metadata-file', out);
  if (!bytes) return;
  let metadata: IdpMetadata;
  try {
    metadata = options.parseMetadata(bytes);
  } catch (err) {
    if (!isInputError(err)) throw err;
    out.push(
      ruleFinding(
        'metadata-file-unreadable',
        // The parser's messages name "the metadata file" already: name which one, rather than say it twice.
        /^The metadata file\b/.test(err.message)
          ? err.message.replace(/^The metadata file\b/, `The metadata file "${excerpt(file.value)}"`)
          : `The metadata file "${excerpt(file.value)}" cannot be used: ${err.message}`,
        { span: spanOf(file.node) },
      ),
    );
    return;
  }
  const compare = (field: 'issuer' | 'ssoUrl', expected: string | undefined, label: string) => {
    const prop = urls[field];
    if (!prop || !expected || prop.value.trim() === expected) return;
    out.push(
      ruleFinding(
        `metadata-${field}-mismatch`,
        `The ${label} differs from the metadata file, which says ${expected}.`,
        {
          span: innerSpan(prop.node, text),
          fix: {
            title: `Replace with ${expected} (from the metadata)`,
            edits: [replaceValueEdit(prop.node, expected)],
            preferred: true,
          },
        },
      ),
    );
  };
  compare('issuer', metadata.issuer, 'issuer URL');
  compare('ssoUrl', metadata.ssoUrl, 'sign-in URL');
  if (certificates.length > 0 && metadata.certificates.length > 0) {
    const inMetadata = new Set(metadata.certificates);
    if (!certificates.some((c) => inMetadata.has(certificateBase64(c)))) {
      out.push(
        ruleFinding(
          'metadata-certificate-mismatch',
          'The certificate is not one of the signing certificates in the metadata file: Frontline would reject the signed responses. Use the certificate from the same application.',
          { span: spanOf(child(idp, 'certificate') ?? child(idp, 'certificateFile') ?? file.node) },
        ),
      );
    }
  }
}
