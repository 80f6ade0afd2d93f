import { Finding, Severity, finding } from '../../findings';

/**
 * The rule registry, as ESLint keeps rule `meta`: every code the linter can report, with its default severity, what it
 * catches, why it matters, whether a quick fix exists and how to fix it by hand. The lint engine takes severities from
 * here, and `npm run generate` makes docs/rules.md, the README's rule table and the settings schema's list of codes
 * from it. A finding with a code that is not here is a bug (the tests look for it).
 */
export interface RuleMeta {
  code: string;
  severity: Severity;
  group: RuleGroup;
  /** What it catches, in one line. */
  title: string;
  /** Why it matters: what goes wrong at sign-in. */
  why: string;
  /** How to fix it by hand; the quick fix, when there is one, does it for you. */
  fix: string;
  /** Whether a quick fix (💡) is offered. */
  fixable: boolean;
  /** A config or mapping fragment that has the problem. */
  example?: string;
}

export type RuleGroup =
  | 'JSON'
  | 'Config'
  | 'Realm SID'
  | 'Service provider values'
  | 'Identity provider URLs'
  | 'Certificate'
  | 'Metadata file'
  | 'Attribute mappings'
  | 'Application'
  | 'Live metadata';

type Meta = Omit<RuleMeta, 'code' | 'group'>;

const rules: RuleMeta[] = [];
function add(group: RuleGroup, code: string, meta: Meta): void {
  rules.push({ code, group, ...meta });
}

// JSON and config shape ----------------------------------------------------------------------------------------------
add('JSON', 'json-syntax', {
  severity: 'error',
  title: 'A JSON syntax error, at its position (at most 20 per file, then a count).',
  why: 'A file that does not parse cannot be checked, and Frontline values copied from it may be cut off.',
  fix: 'Correct the syntax at the position shown; the first error often causes the ones after it.',
  fixable: false,
  example: '{ "realmSid": "JB…" "workspaceId": "acme" }',
});
add('JSON', 'json-empty', {
  severity: 'error',
  title: 'The file is empty.',
  why: 'There is nothing to check.',
  fix: 'Run "Frontline SSO: New Config File" for a config with the recommended values.',
  fixable: false,
});
add('JSON', 'json-too-large', {
  severity: 'error',
  title: 'The file is over 1 MB, the limit for config and mapping files.',
  why: 'A config is a few KB; reading a huge file would cost memory and time for nothing (a safety bound).',
  fix: 'Check that the file is the config you meant; split out anything that is not Frontline SSO configuration.',
  fixable: false,
});
add('JSON', 'json-too-deep', {
  severity: 'error',
  title: 'Nesting deeper than 20 levels.',
  why: 'A config is 3 levels deep; deeper nesting is a mistake or a hostile file, and is not parsed (a safety bound).',
  fix: 'Remove the extra brackets or braces.',
  fixable: false,
});
add('JSON', 'json-encoding', {
  severity: 'error',
  title: 'The file contains NUL characters: it is probably saved as UTF-16.',
  why: 'Config files are read as UTF-8; a UTF-16 file reads as garbage.',
  fix: 'In VS Code: click the encoding in the status bar → Save with Encoding → UTF-8.',
  fixable: false,
});
add('JSON', 'json-duplicate-key', {
  severity: 'error',
  title: 'A key appears twice in one object (the last one is used).',
  why: 'You may be editing the value that is not used.',
  fix: 'Remove one of the two; the related information points at the first.',
  fixable: false,
  example: '{ "realmSid": "JB…old", "realmSid": "JB…new" }',
});
add('JSON', 'lint-truncated', {
  severity: 'error',
  title: 'More than 100 problems: the rest are counted, not listed (severity: the worst of them).',
  why: 'Thousands of diagnostics slow the editor down and hide the first, most useful ones.',
  fix: 'Fix the problems shown; the remaining ones then appear.',
  fixable: false,
});
add('Config', 'config-not-object', {
  severity: 'error',
  title: 'The config is not a JSON object.',
  why: 'A config file holds one object with realmSid, identityProvider and attributeMappings.',
  fix: 'Wrap the content in { … }, or run "Frontline SSO: New Config File".',
  fixable: false,
  example: '[ "JB0123…" ]',
});
add('Config', 'config-type', {
  severity: 'error',
  title: 'A property has the wrong type (a string, object or array where another is expected).',
  why: 'The value cannot be used as written; Frontline would get nothing or the wrong thing.',
  fix: 'Use the type the message names (see the config format in the README).',
  fixable: false,
  example: '{ "serviceProvider": "https://iam.twilio.com/…" }',
});
add('Config', 'config-unknown-property', {
  severity: 'warning',
  title: 'A property the config format does not have, often a misspelling.',
  why: 'A misspelt property is ignored, so the value you meant to set is missing.',
  fix: 'Rename it to the suggested property, or remove it.',
  fixable: true,
  example: '{ "identityProvider": { "isuer": "https://portal.sso…" } }',
});
add('Config', 'workspace-id-missing', {
  severity: 'warning',
  title: 'No "workspaceId".',
  why: 'Users type the Workspace ID in the Frontline app to reach this sign-in; it is set on the Frontline Console.',
  fix: 'Add "workspaceId" with the value set on the Frontline Console SSO page.',
  fixable: false,
});
add('Config', 'workspace-id-empty', {
  severity: 'error',
  title: 'The Workspace ID is empty.',
  why: 'Users cannot reach the sign-in without it.',
  fix: 'Set the Workspace ID chosen on the Frontline Console SSO page.',
  fixable: false,
});

// Realm SID -------------------------------------------------------------------------------------------------------
const realm = (code: string, severity: Severity, title: string, fixable: boolean, example?: string) =>
  add('Realm SID', code, {
    severity,
    title,
    why: 'The ACS URL and SAML audience are built from the Realm SID; a wrong SID makes every sign-in fail.',
    fix: fixable
      ? 'Apply the quick fix (the cleaned or suggested SID), or copy the SID again from the Frontline Console SSO page.'
      : 'Copy the Realm SID again from the Frontline Console SSO page: JB followed by 32 hex digits.',
    fixable,
    example,
  });
realm('realm-sid-missing', 'error', 'No "realmSid".', false);
realm('realm-sid-empty', 'error', 'The Realm SID is empty.', false);
realm('realm-sid-trimmed', 'info', 'Whitespace or quotes around the Realm SID were removed.', true);
realm('realm-sid-from-url', 'info', 'A whole ACS or audience URL was pasted; the SID was taken out of it.', true);
realm('realm-sid-url-without-sid', 'error', 'A URL was pasted, but it contains no Realm SID.', false);
realm(
  'realm-sid-non-ascii',
  'error',
  'Look-alike letters (Cyrillic, Greek, full-width digits) in the SID.',
  true,
  '"JВ0123…" (a Cyrillic В)',
);
realm('realm-sid-prefix-case', 'error', 'The SID starts with "jb" instead of "JB".', true);
realm(
  'realm-sid-prefix',
  'error',
  'Another kind of Twilio SID (AC…, SK…) or not a SID.',
  false,
  '"AC0123456789abcdef0123456789abcdef"',
);
realm('realm-sid-length', 'error', 'The SID is not 34 characters long.', false);
realm('realm-sid-not-hex', 'error', 'A character that is not a hex digit (often the letter O for a zero).', false);
realm('realm-sid-too-long', 'error', 'The field holds far more than a SID (over 1,024 characters).', false);

// Service provider values (the ACS URL and audience typed into AWS) ------------------------------------------------
for (const [field, label] of [
  ['acsUrl', 'ACS URL'],
  ['audience', 'SAML audience'],
] as const) {
  const sp = (suffix: string, title: string, example?: string) =>
    add('Service provider values', `sp-${field}-${suffix}`, {
      severity: 'error',
      title,
      why: `IAM Identity Center posts the response to the ACS URL and names the audience in it; Frontline rejects a response whose ${label} is not its own.`,
      fix: `Use the ${label} built from the Realm SID (the quick fix does).`,
      fixable: true,
      example,
    });
  sp('empty', `The ${label} is empty.`);
  sp('swapped', `The ${label} holds the other value (ACS URL and audience swapped).`);
  sp('shape', `The ${label} is not of the form Frontline uses (http, upper case, trailing slash, query).`);
  sp('realm-mismatch', `The ${label} is for another realm than "realmSid".`);
}

// Identity provider URLs -------------------------------------------------------------------------------------------
for (const [role, label, kind] of [
  ['issuer', 'issuer URL', 'assertion'],
  ['ssoUrl', 'sign-in URL', 'assertion'],
  ['sloUrl', 'sign-out URL', 'logout'],
] as const) {
  const idp = (suffix: string, severity: Severity, title: string, fixable = false) =>
    add('Identity provider URLs', `idp-${role}-${suffix}`, {
      severity,
      title,
      why: `Frontline checks the response's Issuer against the issuer URL and sends users to the sign-in URL; a wrong ${label} fails every sign-in.`,
      fix: `Copy the ${label} from the application's "IAM Identity Center metadata" section: https://portal.sso.<region>.amazonaws.com/saml/${kind}/<id>.`,
      fixable,
    });
  if (role !== 'sloUrl') idp('missing', 'error', `No "${role}" in identityProvider.`);
  idp('empty', 'error', `The ${label} is empty.`);
  idp('not-url', 'error', `The ${label} is not a URL.`);
  idp('not-aws', 'warning', `The ${label} is not an IAM Identity Center address (not verified).`);
  idp('not-https', 'error', `The ${label} uses http.`);
  idp('region', 'warning', `The Region in the ${label} does not look like an AWS Region.`);
  idp(
    'partition',
    'error',
    `The ${label}'s domain does not match its Region's partition (amazonaws.com.cn is China only).`,
  );
  idp('query', 'warning', `The ${label} has a query or fragment.`, true);
  idp('trailing-slash', 'error', `The ${label} ends with a slash.`, true);
  idp('path', 'error', `The ${label}'s path is not /saml/${kind}/<id>.`);
  idp('wrong-endpoint', 'error', `A metadata, sign-out or sign-in URL where the ${label} belongs.`, true);
  idp('truncated', 'error', `The ${label} is cut off (its id does not decode completely).`);
  idp('id-unrecognised', 'warning', `The ${label}'s id does not decode to an account and instance (not verified).`);
  idp('too-long', 'error', `The ${label} is over 2,048 characters long.`);
}
const idpPair = (code: string, severity: Severity, title: string) =>
  add('Identity provider URLs', code, {
    severity,
    title,
    why: 'With IAM Identity Center the issuer URL and the sign-in URL are one and the same URL of one application.',
    fix: 'Copy both from the same application (or import its metadata file).',
    fixable: false,
  });
add('Identity provider URLs', 'idp-missing', {
  severity: 'error',
  title: 'No "identityProvider" object.',
  why: 'Frontline needs the issuer URL, sign-in URL and certificate.',
  fix: 'Add identityProvider with issuer, ssoUrl and certificateFile (or import the metadata file).',
  fixable: false,
});
idpPair('idp-id-mismatch', 'error', 'The issuer URL and the sign-in URL belong to different applications.');
idpPair('idp-region-mismatch', 'error', 'The issuer URL and the sign-in URL are in different Regions.');
idpPair('idp-issuer-sso-mismatch', 'warning', 'The issuer URL and the sign-in URL differ.');

// Certificate ------------------------------------------------------------------------------------------------------
const cert = (code: string, severity: Severity, title: string, why: string, fix: string) =>
  add('Certificate', code, { severity, title, why, fix, fixable: false });
const CERT_WHY = 'Frontline verifies every SAML response with this certificate; the wrong one fails every sign-in.';
cert(
  'cert-missing',
  'error',
  'No "certificate" and no "certificateFile".',
  CERT_WHY,
  'Add "certificateFile": "./aws-idc.pem" (the downloaded certificate) or paste the PEM as "certificate".',
);
cert(
  'cert-file-missing',
  'error',
  'The file named by "certificateFile" does not exist.',
  CERT_WHY,
  'Fix the path; it is relative to the config file.',
);
cert(
  'cert-file-unreadable',
  'error',
  'The certificate file cannot be read: not a regular file (a FIFO, a device, a folder), over 1 MB, a link loop, or no permission.',
  CERT_WHY,
  'Point "certificateFile" at the downloaded .pem file.',
);
cert(
  'cert-file-not-read',
  'warning',
  'The certificate file was not read: it is outside the workspace and the workspace is not trusted (or the workspace is virtual).',
  'In Restricted Mode a cloned repository must not make the extension read files elsewhere on your machine.',
  'Trust the workspace, or keep the certificate inside the workspace folder.',
);
cert(
  'cert-unreadable',
  'error',
  'The certificate is not a readable X.509 certificate (a private key, a CSR, truncated or damaged).',
  CERT_WHY,
  'Download the certificate again from the IAM Identity Center application.',
);
cert(
  'cert-both',
  'warning',
  'Both "certificate" and "certificateFile" are set.',
  'Two sources leave doubt about which certificate Frontline has.',
  'Keep one of them.',
);
cert(
  'cert-multiple',
  'warning',
  'Several certificates where Frontline takes one.',
  'The Frontline Console takes the single certificate of the application.',
  "Keep only the application's signing certificate.",
);
cert(
  'cert-expired',
  'error',
  'The certificate has expired.',
  'IAM Identity Center stops signing with an expired certificate, and Frontline rejects it.',
  'Rotate the certificate in IAM Identity Center, then paste the new one into the Frontline Console.',
);
cert(
  'cert-not-yet-valid',
  'error',
  'The certificate is not valid yet.',
  'Sign-ins fail until its start date.',
  'Check the date, or use the active certificate.',
);
cert(
  'cert-expiring',
  'warning',
  "The certificate expires within 90 days (the AWS console's yellow).",
  'When it expires, every sign-in fails.',
  'Plan the rotation: add a new certificate in IAM Identity Center and upload it to Frontline before making it active.',
);
cert(
  'cert-weak-signature',
  'warning',
  'The certificate is signed with SHA-1 (or MD5).',
  'SHA-1 signatures are weak.',
  'Use a SHA-256 certificate.',
);
cert(
  'cert-weak-key',
  'warning',
  'The RSA key has fewer than 2,048 bits.',
  'Short RSA keys are weak.',
  'Use an RSA 2048-bit certificate (the IAM Identity Center default).',
);

// Metadata file ----------------------------------------------------------------------------------------------------
const META_WHY = 'The metadata file is what IAM Identity Center publishes; the config should agree with it.';
const meta = (code: string, severity: Severity, title: string, fix: string, fixable = false) =>
  add('Metadata file', code, { severity, title, why: META_WHY, fix, fixable });
meta(
  'metadata-file-missing',
  'error',
  'The file named by "metadataFile" does not exist.',
  'Fix the path; it is relative to the config file.',
);
meta(
  'metadata-file-unreadable',
  'error',
  'The metadata file cannot be read or is not SAML metadata.',
  'Download the metadata file of the application again.',
);
meta(
  'metadata-file-not-read',
  'warning',
  'The metadata file was not read: it is outside the workspace and the workspace is not trusted (or the workspace is virtual).',
  'Trust the workspace, or keep the file inside the workspace folder.',
);
meta(
  'metadata-issuer-mismatch',
  'error',
  "The issuer URL differs from the metadata's entityID.",
  "Use the metadata's value (quick fix).",
  true,
);
meta(
  'metadata-ssoUrl-mismatch',
  'error',
  "The sign-in URL differs from the metadata's SingleSignOnService.",
  "Use the metadata's value (quick fix).",
  true,
);
meta(
  'metadata-certificate-mismatch',
  'error',
  "The certificate is not one of the metadata's signing certificates.",
  'Use the certificate of the same application.',
);

// Attribute mappings -----------------------------------------------------------------------------------------------
const MAP_WHY =
  'Frontline identifies users by the Subject and email attributes and gives them the roles attribute; a wrong mapping fails the sign-in or signs the user in as someone without a role.';
const mapping = (code: string, severity: Severity, title: string, fix: string, fixable: boolean, example?: string) =>
  add('Attribute mappings', code, { severity, title, why: MAP_WHY, fix, fixable, example });
mapping('mappings-missing', 'error', 'No "attributeMappings".', 'Add the recommended mappings (quick fix).', true);
mapping(
  'mappings-file-shape',
  'error',
  'A mapping file that is neither an array nor { "attributeMappings": [...] }.',
  'Use one of the two shapes.',
  false,
);
mapping(
  'mapping-not-object',
  'error',
  'A mapping that is not an object.',
  'Write each mapping as { "attribute": …, "value": …, "format": … }.',
  false,
);
mapping(
  'mapping-attribute-missing',
  'error',
  'A mapping without "attribute".',
  'Add the user attribute name (Subject, email, roles).',
  false,
);
mapping(
  'mapping-value-missing',
  'error',
  'A mapping without "value".',
  'Add what it maps to, such as ${user:email}.',
  false,
);
mapping(
  'mapping-format-missing',
  'error',
  'A mapping without "format".',
  'Add the format (quick fix adds the recommended one).',
  true,
);
for (const name of ['Subject', 'email', 'roles']) {
  mapping(
    `mapping-${name.toLowerCase()}-missing`,
    'error',
    `The "${name}" mapping is missing.`,
    `Add ${name} (quick fix adds the recommended row).`,
    true,
  );
}
for (const name of ['Subject', 'email']) {
  mapping(
    `mapping-${name.toLowerCase()}-value`,
    'error',
    `"${name}" is not mapped to \${user:email}.`,
    'Map it to ${user:email} (quick fix).',
    true,
    `{ "attribute": "${name}", "value": "\${user:name}", "format": "unspecified" }`,
  );
}
mapping(
  'mapping-roles-unknown',
  'warning',
  'A role other than "agent" (the only role with public evidence).',
  'Use "agent" unless you know Frontline accepts your value.',
  true,
);
mapping(
  'mapping-name-case',
  'warning',
  'An attribute name in the wrong case (Email, Roles, subject).',
  'Rename it (quick fix): names are case-sensitive.',
  true,
  '{ "attribute": "Email", … }',
);
mapping(
  'mapping-unknown-variable',
  'error',
  'A ${user:…} variable IAM Identity Center does not have.',
  'Use the suggested variable (quick fix), such as ${user:email}.',
  true,
  '"${user:emial}"',
);
mapping(
  'mapping-malformed-variable',
  'error',
  'A variable written wrongly (${user.email}, a missing brace or $).',
  'Write it as ${user:name} (quick fix).',
  true,
  '"${user.email}"',
);
mapping(
  'mapping-other-feature-variable',
  'warning',
  'A ${path:…} or ${dir:…} variable, which belong to other AWS features.',
  'Use a ${user:…} variable.',
  false,
);
mapping(
  'mapping-groups-variable',
  'info',
  '${user:groups}: works but is undocumented and yields group IDs, not names.',
  'Expect group IDs, or map a documented variable.',
  false,
);
mapping(
  'mapping-invalid-format',
  'error',
  'A format the attribute does not accept, or in the wrong case.',
  'Use the format suggested (quick fix).',
  true,
);
mapping(
  'mapping-format-not-verified',
  'warning',
  "A format not known for application attributes (the console's list is unconfirmed).",
  'The guide uses "unspecified".',
  true,
);
mapping(
  'mapping-subject-format',
  'info',
  'A Subject format other than the guide\'s "emailAddress".',
  'Use "emailAddress" unless you need another.',
  true,
);
mapping('mapping-duplicate', 'error', 'An attribute mapped twice.', 'Remove the duplicate row (quick fix).', true);

// Application ------------------------------------------------------------------------------------------------------
add('Application', 'application-arn', {
  severity: 'warning',
  title: '"applicationArn" does not look like an IAM Identity Center application ARN.',
  why: 'The sidebar and the readiness check find the application by its ARN.',
  fix: 'Copy the ARN from the application details (arn:aws:sso::<account>:application/ssoins-…/apl-…).',
  fixable: false,
});
add('Application', 'application-region-mismatch', {
  severity: 'warning',
  title: "The application Region differs from the issuer URL's Region.",
  why: 'The config probably mixes two applications.',
  fix: 'Use the Region of the IAM Identity Center instance.',
  fixable: false,
});

// Live metadata (the config against what IAM Identity Center publishes now; frontline-sso drift) ------------------
const LIVE_WHY =
  'IAM Identity Center may publish another certificate or address than the config has: after a rotation, Frontline rejects responses signed with a certificate it does not have.';
const live = (code: string, severity: Severity, title: string, fix: string, fixable: boolean) =>
  add('Live metadata', code, { severity, title, why: LIVE_WHY, fix, fixable });
live(
  'drift-issuer',
  'error',
  "The issuer URL differs from the live metadata's entityID.",
  'Take the live value (quick fix), and paste it into the Frontline Console.',
  true,
);
live(
  'drift-ssoUrl',
  'error',
  "The sign-in URL differs from the live metadata's SingleSignOnService.",
  'Take the live value (quick fix), and paste it into the Frontline Console.',
  true,
);
live(
  'drift-rotation',
  'warning',
  'A certificate rotation is under way: AWS lists another signing certificate besides the configured one.',
  'Upload the new certificate to Frontline before you make it active in AWS; the quick fix switches the config to it.',
  true,
);
live(
  'drift-certificate',
  'error',
  'AWS no longer signs with the configured certificate.',
  'Upload the live certificate (the quick fix puts it in the config) to the Frontline Console now.',
  true,
);
live(
  'drift-unavailable',
  'info',
  'The live check could not run (unreachable, an HTTP error, not metadata, too large); never an error.',
  'Check the network or the issuer URL; "Check Live Metadata again" retries.',
  true,
);
live(
  'drift-untrusted',
  'info',
  'The live check does not run in Restricted Mode.',
  'Trust the workspace to check the config against the live metadata.',
  true,
);

/** Every rule, in documentation order. */
export const RULES: readonly RuleMeta[] = rules;

const byCode = new Map(RULES.map((r) => [r.code, r]));

export function ruleFor(code: string): RuleMeta | undefined {
  return byCode.get(code);
}

/** The anchor of a rule's section in docs/rules.md. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase();
}

/**
 * A finding of a registered rule, with the rule's default severity. An unknown code throws: it is a bug that the tests
 * must catch, not something to show a user.
 */
export function ruleFinding(code: string, message: string, extra: Partial<Finding> = {}): Finding {
  const rule = byCode.get(code);
  if (!rule) throw new Error(`Unregistered rule code "${code}" (add it to src/core/rules.ts)`);
  return finding(code, rule.severity, message, extra);
}
