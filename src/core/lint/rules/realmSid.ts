import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

const rule = (severity: Severity, title: string, fixable: boolean, example?: string): RuleInfo => ({
  severity,
  title,
  why: 'The ACS URL and SAML audience are built from the Realm SID; a wrong SID makes every sign-in fail.',
  fix: fixable
    ? 'Apply the quick fix (the cleaned or suggested SID), or copy the SID again from the Frontline Console SSO page.'
    : 'Copy the Realm SID again from the Frontline Console SSO page: JB followed by 32 hex digits.',
  fixable,
  example,
});

/** Realm SID: Frontline's one param (checkRealmSid in ../../realm; its absence in ../index). */
export const realmSid = defineRules('Realm SID', {
  'realm-sid-missing': rule('error', 'No "realmSid".', false),
  'realm-sid-empty': rule('error', 'The Realm SID is empty.', false),
  'realm-sid-trimmed': rule('info', 'Whitespace or quotes around the Realm SID were removed.', true),
  'realm-sid-from-url': rule('info', 'A whole ACS or audience URL was pasted; the SID was taken out of it.', true),
  'realm-sid-url-without-sid': rule('error', 'A URL was pasted, but it contains no Realm SID.', false),
  'realm-sid-non-ascii': rule(
    'error',
    'Look-alike letters (Cyrillic, Greek, full-width digits) in the SID.',
    true,
    '"JВ0123…" (a Cyrillic В)',
  ),
  'realm-sid-prefix-case': rule('error', 'The SID starts with "jb" instead of "JB".', true),
  'realm-sid-prefix': rule(
    'error',
    'Another kind of Twilio SID (AC…, SK…) or not a SID.',
    false,
    '"AC0123456789abcdef0123456789abcdef"',
  ),
  'realm-sid-length': rule('error', 'The SID is not 34 characters long.', false),
  'realm-sid-not-hex': rule('error', 'A character that is not a hex digit (often the letter O for a zero).', false),
  'realm-sid-too-long': rule('error', 'The field holds far more than a SID (over 1,024 characters).', false),
  'realm-sid-conflict': {
    severity: 'error',
    title: 'Both "realmSid" and "serviceProvider.params.realmSid" are given, and they differ.',
    why: 'The ACS URL and audience are built from one Realm SID; with two, there is no telling which one Frontline has.',
    fix: 'Keep the one from the Frontline Console SSO page and remove the other (one of the two is enough).',
    fixable: false,
    example: '"realmSid": "JB0…01", "serviceProvider": { "params": { "realmSid": "JB0…02" } }',
  },
});
