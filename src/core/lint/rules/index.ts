import { Finding } from '../../common/findings';
import { RuleMeta } from './define';
import { application } from './application';
import { attributeMappings } from './attributeMappings';
import { certificate } from './certificate';
import { config } from './config';
import { idpUrls } from './idpUrls';
import { json } from './json';
import { liveMetadata } from './liveMetadata';
import { metadataFile } from './metadataFile';
import { provider } from './provider';
import { providerFile } from './providerFile';
import { realmSid } from './realmSid';
import { serviceProviderValues } from './serviceProviderValues';

export type { RuleGroup, RuleMeta } from './define';

/**
 * The rule registry, as ESLint keeps rule `meta`: every code the linter can report. Each family module of this folder
 * declares its rules' meta (and, where the check is lint's own, the check beside it); this module puts them together
 * in documentation order. The lint engine takes severities from here, and `npm run generate` makes docs/rules.md, the
 * rule table of docs/configuration.md and the settings schema's list of codes from it.
 */
const FAMILIES = [
  json,
  config,
  realmSid,
  serviceProviderValues,
  idpUrls,
  certificate,
  metadataFile,
  attributeMappings,
  application,
  liveMetadata,
  provider,
  providerFile,
] as const;

/** Every rule code: a finding with a code that is not one of these does not compile. */
export type RuleCode = (typeof FAMILIES)[number]['rules'][number]['code'];

/** Every rule, in documentation order. */
export const RULES: ReadonlyArray<RuleMeta<RuleCode>> = FAMILIES.flatMap<RuleMeta<RuleCode>>((family) => family.rules);

const byCode = new Map<string, RuleMeta<RuleCode>>(RULES.map((r) => [r.code, r]));

/** The rule of a code, if it is one: for codes that come from outside (settings, findings of other checks). */
export function ruleFor(code: string): RuleMeta<RuleCode> | undefined {
  return byCode.get(code);
}

/** The anchor of a rule's section in docs/rules.md. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase();
}

/**
 * A finding of a registered rule, with the rule's default severity, for checks outside this folder (realm, IdP URLs,
 * certificates, drift). The code is a RuleCode, so a misspelt one fails `tsc`; a code forced past the type check
 * throws: a bug that the tests must catch, not something to show a user.
 */
export function ruleFinding(code: RuleCode, message: string, extra: Partial<Finding> = {}): Finding {
  const rule = byCode.get(code);
  if (!rule) throw new Error(`Unregistered rule code "${code}" (declare it in its family in src/core/lint/rules)`);
  return { code, severity: rule.severity, message, ...extra };
}
