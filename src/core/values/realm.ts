import { Finding } from '../common/findings';
import { ruleFinding } from '../lint/rules';
import { trimWhere } from '../common/text';

/** URL templates from Twilio's Frontline SSO guides (docs/domain.md §2). Carried here, not fetched. */
export const FRONTLINE_ACS_PREFIX = 'https://iam.twilio.com/v2/saml2/authenticate/';
export const FRONTLINE_AUDIENCE_PREFIX = 'https://iam.twilio.com/v2/saml2/metadata/';
export const REALM_SID_PATTERN = /^JB[0-9a-fA-F]{32}$/;
const REALM_SID_IN_TEXT = /JB[0-9a-fA-F]{32}(?![0-9a-fA-F])/i;

export interface FrontlineValues {
  realmSid: string;
  acsUrl: string;
  audience: string;
}

export function frontlineValues(realmSid: string): FrontlineValues {
  return { realmSid, acsUrl: FRONTLINE_ACS_PREFIX + realmSid, audience: FRONTLINE_AUDIENCE_PREFIX + realmSid };
}

export interface RealmSidResult {
  /** The usable SID, when the input is (or could be cleaned into) a valid one. */
  sid?: string;
  /** A probable intended SID when the input is wrong but a likely correction exists. */
  suggestion?: string;
  findings: Finding[];
}

// Characters people paste around values: spaces, NBSP, zero-width, BOM, quotes, brackets (and a full stop after).
const WRAPPING = /[\s\u00a0\u200b-\u200d\u2060\ufeff"'`“”‘’<>«»()[\]{},;]/;
const INVISIBLE = /[\u00a0\u200b-\u200d\u2060\ufeff]/g;
/** Longer input is no pasted SID (a pasted ACS URL with some text around it is a few hundred characters). */
export const MAX_REALM_SID_INPUT = 1024;

/** Letters that look like the ASCII letters of a SID (Cyrillic and Greek capitals and small letters). */
const LOOK_ALIKES: Record<string, string> = {
  '\u0410': 'A',
  '\u0412': 'B',
  '\u0421': 'C',
  '\u0415': 'E',
  '\u0408': 'J',
  '\u0430': 'a',
  '\u0441': 'c',
  '\u0435': 'e',
  '\u0391': 'A',
  '\u0392': 'B',
  '\u0395': 'E',
  '\u03b2': 'B',
  '\u0251': 'a',
  '\u217d': 'c',
  '\u217e': 'd',
  '\u0501': 'd',
  '\u0417': '3',
  '\u041e': '0',
  '\u043e': '0',
  '\u039f': '0',
  '\u03bf': '0',
};

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `'${ch}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Validates a pasted Realm SID, forgiving the usual paste accidents (whitespace, quotes, a whole URL) and
 * explaining everything else with the fix.
 */
export function checkRealmSid(input: string): RealmSidResult {
  const findings: Finding[] = [];
  if (input.length > MAX_REALM_SID_INPUT) {
    findings.push(
      ruleFinding(
        'realm-sid-too-long',
        `This is ${input.length.toLocaleString('en-US')} characters long; a Realm SID has 34 (JB and 32 hex digits). Paste only the SID from the Frontline Console SSO page.`,
      ),
    );
    return { findings };
  }
  const trimmed = trimWhere(input, (ch, atEnd) => WRAPPING.test(ch) || (atEnd && ch === '.')).replace(INVISIBLE, '');
  if (trimmed === '') {
    findings.push(
      ruleFinding(
        'realm-sid-empty',
        'The Realm SID is empty. Copy it from the Frontline Console SSO page: 34 characters starting with JB.',
      ),
    );
    return { findings };
  }
  let candidate = trimmed;
  if (trimmed !== input) {
    findings.push(ruleFinding('realm-sid-trimmed', 'Removed whitespace or quotes around the Realm SID.'));
  }
  if (/[/:]/.test(candidate)) {
    const match = REALM_SID_IN_TEXT.exec(candidate);
    if (!match) {
      findings.push(
        ruleFinding(
          'realm-sid-url-without-sid',
          'This looks like a URL, but it contains no Realm SID (JB followed by 32 hex digits). Paste the Realm SID from the Frontline Console SSO page.',
        ),
      );
      return { findings };
    }
    candidate = match[0];
    findings.push(ruleFinding('realm-sid-from-url', `Took the Realm SID ${candidate} out of the pasted URL.`));
  }
  const nonAscii = [...new Set([...candidate].filter((ch) => (ch.codePointAt(0) ?? 0) > 0x7e))];
  if (nonAscii.length > 0) {
    const mapped = [...candidate]
      .map((ch) => LOOK_ALIKES[ch] ?? ch)
      .join('')
      .normalize('NFKC');
    const suggestion = REALM_SID_PATTERN.test(mapped) ? mapped : undefined;
    findings.push(
      ruleFinding(
        'realm-sid-non-ascii',
        `The Realm SID contains ${nonAscii.slice(0, 4).map(describeChar).join(', ')}${nonAscii.length > 4 ? ` and ${nonAscii.length - 4} more` : ''}, which only ${nonAscii.length === 1 ? 'looks' : 'look'} like Latin letters or digits.` +
          (suggestion ? ` Did you mean ${suggestion}?` : ' Type the SID again or copy it from the Frontline Console.'),
      ),
    );
    return { suggestion, findings };
  }
  if (REALM_SID_PATTERN.test(candidate)) {
    return { sid: candidate, findings };
  }
  const prefix = candidate.slice(0, 2);
  if (prefix === 'jb' || prefix === 'Jb' || prefix === 'jB') {
    const suggestion = 'JB' + candidate.slice(2);
    findings.push(
      ruleFinding(
        'realm-sid-prefix-case',
        `A Realm SID starts with upper-case "JB", not "${prefix}".` +
          (REALM_SID_PATTERN.test(suggestion) ? ` Did you mean ${suggestion}?` : ''),
      ),
    );
    return { suggestion: REALM_SID_PATTERN.test(suggestion) ? suggestion : undefined, findings };
  }
  if (prefix !== 'JB') {
    const known: Record<string, string> = {
      AC: 'an Account SID',
      SK: 'an API key SID',
      PN: 'a phone number SID',
      IS: 'a Sync service SID',
    };
    const what = /^[A-Z]{2}$/.test(prefix)
      ? (known[prefix] ?? `a SID of another kind (${prefix}…)`)
      : 'not a Twilio SID';
    findings.push(
      ruleFinding(
        'realm-sid-prefix',
        `"${candidate.slice(0, 6)}…" is ${what}. The Frontline Realm SID starts with JB; find it on the Frontline Console SSO page.`,
      ),
    );
    return { findings };
  }
  if (candidate.length !== 34) {
    const diff = candidate.length - 34;
    findings.push(
      ruleFinding(
        'realm-sid-length',
        `The Realm SID has ${candidate.length} characters; it needs 34 (JB and 32 hex digits): ` +
          (diff < 0 ? `${-diff} missing` : `${diff} too many`) +
          '. Copy it again from the Frontline Console.',
      ),
    );
    return { findings };
  }
  const bad = [...candidate.slice(2)].findIndex((ch) => !/[0-9a-fA-F]/.test(ch));
  findings.push(
    ruleFinding(
      'realm-sid-not-hex',
      `Character ${bad + 3} of the Realm SID, ${describeChar(candidate[bad + 2] ?? '')}, is not a hex digit (0-9, a-f). ` +
        (candidate[bad + 2] === 'O' || candidate[bad + 2] === 'o'
          ? 'It may be the letter O typed for the digit 0.'
          : 'Copy the SID again.'),
    ),
  );
  return { findings };
}

export type ServiceProviderField = 'acsUrl' | 'audience';
const SP_LABEL: Record<ServiceProviderField, string> = { acsUrl: 'ACS URL', audience: 'SAML audience' };

/**
 * Checks a service-provider value (ACS URL or audience) typed into AWS, against the Realm SID when known.
 * The most common mistakes: the two values swapped, another realm's URL, a trailing slash, http.
 */
export function checkServiceProviderUrl(field: ServiceProviderField, value: string, realmSid?: string): Finding[] {
  const label = SP_LABEL[field];
  const ownPrefix = field === 'acsUrl' ? FRONTLINE_ACS_PREFIX : FRONTLINE_AUDIENCE_PREFIX;
  const otherPrefix = field === 'acsUrl' ? FRONTLINE_AUDIENCE_PREFIX : FRONTLINE_ACS_PREFIX;
  const expected = realmSid ? frontlineValues(realmSid)[field] : undefined;
  const fixHint = expected ? ` Use ${expected}.` : ` It has the form ${ownPrefix}<RealmSID>.`;
  const v = value.trim();
  if (v === '') return [ruleFinding(`sp-${field}-empty`, `The ${label} is empty.${fixHint}`)];
  if (v.startsWith(otherPrefix)) {
    return [
      ruleFinding(
        `sp-${field}-swapped`,
        `This is the ${field === 'acsUrl' ? 'SAML audience' : 'ACS URL'}, not the ${label} (the two are often swapped).${fixHint}`,
      ),
    ];
  }
  if (!v.startsWith(ownPrefix)) {
    const lower = v.toLowerCase();
    const msg = lower.startsWith('http://')
      ? `The ${label} must use https.`
      : lower.startsWith(ownPrefix)
        ? `The ${label} must be written in lower case.`
        : `The ${label} must start with ${ownPrefix}.`;
    return [ruleFinding(`sp-${field}-shape`, msg + fixHint)];
  }
  const rest = v.slice(ownPrefix.length);
  if (rest.endsWith('/') || /[?#]/.test(rest)) {
    return [
      ruleFinding(
        `sp-${field}-shape`,
        `The ${label} must end with the Realm SID, with no trailing slash, query or fragment.${fixHint}`,
      ),
    ];
  }
  const sid = checkRealmSid(rest);
  if (!sid.sid) {
    return sid.findings
      .filter((f) => f.severity === 'error')
      .map((f) => ({ ...f, message: `In the ${label}: ${f.message}` }));
  }
  if (realmSid && sid.sid !== realmSid) {
    return [
      ruleFinding(`sp-${field}-realm-mismatch`, `The ${label} is for realm ${sid.sid}, not ${realmSid}.${fixHint}`),
    ];
  }
  return [];
}
