import { Finding, finding } from '../common/findings';
import { trimWhere } from '../common/text';
import { checkIdpPair, checkIdpUrl, describeIdpUrl } from './idpUrl';
import { checkRealmSid, checkServiceProviderUrl, frontlineValues } from './realm';

/** The four values that cross between the consoles, plus the Realm SID they derive from. */
export interface FrontlineSetupValues {
  realmSid?: string;
  acsUrl?: string;
  audience?: string;
  issuer?: string;
  ssoUrl?: string;
}

export type ValueField = keyof FrontlineSetupValues;

export interface FieldReport {
  field: ValueField;
  value: string;
  findings: Finding[];
  /** The correct value, when it can be computed. */
  expected?: string;
  /** Facts read from the value (account, region …). */
  details?: string;
}

const URL_IN_TEXT = /https?:\/\/[^\s"'<>`]+/g;
/** Pasted notes longer than this are looked at only up to here: the values are a few hundred characters. */
export const MAX_VALUES_TEXT = 256 * 1024;

/**
 * Sorts the URLs (and a bare Realm SID) found in free text into the setup fields, so a user can select a block of
 * pasted notes and validate it.
 */
export function extractValues(input: string): FrontlineSetupValues {
  const text = input.length > MAX_VALUES_TEXT ? input.slice(0, MAX_VALUES_TEXT) : input;
  const values: FrontlineSetupValues = {};
  for (const raw of text.match(URL_IN_TEXT) ?? []) {
    const url = trimWhere(raw, (ch, atEnd) => atEnd && '),.;'.includes(ch));
    const lower = url.toLowerCase();
    if (lower.includes('iam.twilio.com')) {
      if (lower.includes('/saml2/metadata/')) values.audience ??= url;
      else values.acsUrl ??= url;
    } else if (/\/saml\/(assertion|metadata|logout)\//.test(lower)) {
      if (!values.issuer) values.issuer = url;
      else values.ssoUrl ??= url;
    }
  }
  if (values.issuer && !values.ssoUrl) values.ssoUrl = values.issuer;
  const bareSid = /(?:^|[^0-9A-Za-z/])(JB[0-9a-fA-F]{32})(?![0-9a-fA-F])/.exec(text);
  if (bareSid) values.realmSid = bareSid[1];
  else if (values.acsUrl || values.audience) {
    const fromUrl = checkRealmSid((values.acsUrl ?? values.audience) as string).sid;
    if (fromUrl) values.realmSid = fromUrl;
  }
  return values;
}

/** Checks every value present and cross-checks them. Fields that are absent are not reported. */
export function validateValues(values: FrontlineSetupValues): FieldReport[] {
  const reports: FieldReport[] = [];
  let realmSid: string | undefined;
  if (values.realmSid !== undefined) {
    const r = checkRealmSid(values.realmSid);
    realmSid = r.sid;
    reports.push({ field: 'realmSid', value: values.realmSid, findings: r.findings, expected: r.sid ?? r.suggestion });
  }
  for (const field of ['acsUrl', 'audience'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    reports.push({
      field,
      value,
      findings: checkServiceProviderUrl(field, value, realmSid),
      expected: realmSid ? frontlineValues(realmSid)[field] : undefined,
    });
  }
  for (const field of ['issuer', 'ssoUrl'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    const parsed = checkIdpUrl(field, value);
    reports.push({ field, value, findings: parsed.findings, details: parsed.info && describeIdpUrl(parsed.info) });
  }
  if (values.issuer !== undefined && values.ssoUrl !== undefined) {
    const pair = checkIdpPair(values.issuer, values.ssoUrl);
    reports.find((r) => r.field === 'ssoUrl')?.findings.push(...pair);
  }
  return reports;
}

export const FIELD_LABEL: Record<ValueField, string> = {
  realmSid: 'Realm SID',
  acsUrl: 'ACS URL',
  audience: 'SAML audience',
  issuer: 'Identity provider issuer',
  ssoUrl: 'SSO (sign-in) URL',
};

export function noValuesFinding(): Finding {
  return finding(
    'values-none',
    'error',
    'No Frontline values found. Select text containing a Realm SID, an ACS URL or audience (iam.twilio.com), or an IAM Identity Center URL (portal.sso…amazonaws.com).',
  );
}
