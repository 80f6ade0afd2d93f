/**
 * The built-in providers. Imported only by what uses providers (the CLI, and later the features bundle): activation
 * and dist/extension.js never load the definitions.
 */
import { atlassianCloud } from './builtin/atlassian-cloud';
import { custom } from './builtin/custom';
import { githubOrg } from './builtin/github-org';
import { salesforce } from './builtin/salesforce';
import { segment } from './builtin/segment';
import { sendgrid } from './builtin/sendgrid';
import { slack } from './builtin/slack';
import { twilioConsole } from './builtin/twilio-console';
import { twilioFlex } from './builtin/twilio-flex';
import { twilioFlexLegacy } from './builtin/twilio-flex-legacy';
import { twilioFrontline } from './builtin/twilio-frontline';
import { zoom } from './builtin/zoom';
import { Finding } from '../common/findings';
import { provider as providerRules } from '../lint/rules/provider';
import { closest } from '../common/text';
import { ProviderDefinition } from './types';

/** A file without a provider id is Frontline's, as every config was before providers existed. */
export const DEFAULT_PROVIDER_ID = 'twilio-frontline';

/** In the order `frontline-sso providers` lists them: the default first, `custom` last. */
export const BUILTIN_PROVIDERS: readonly ProviderDefinition[] = [
  twilioFrontline,
  twilioFlex,
  twilioFlexLegacy,
  twilioConsole,
  sendgrid,
  segment,
  githubOrg,
  slack,
  zoom,
  atlassianCloud,
  salesforce,
  custom,
];

export function findProvider(
  id: string,
  providers: readonly ProviderDefinition[] = BUILTIN_PROVIDERS,
): ProviderDefinition | undefined {
  return providers.find((p) => p.id === id);
}

/**
 * The known id an unknown one is a typo of, if any: one rule for the message and the editor's quick fix. A short id
 * allows fewer edits, so that "nope" is not taken for "zoom".
 */
export function nearProviderId(
  id: string,
  providers: readonly ProviderDefinition[] = BUILTIN_PROVIDERS,
): string | undefined {
  const maxEdits = Math.min(3, Math.max(1, Math.floor(id.length / 3)));
  return closest(
    id.slice(0, 64),
    providers.map((p) => p.id),
    maxEdits,
  );
}

/**
 * The error for an id that names no provider: lists the known ids (the built-in ones, then the user's own, from their
 * provider files), and the closest one when it is a typo.
 */
export function unknownProviderFinding(
  id: string,
  providers: readonly ProviderDefinition[] = BUILTIN_PROVIDERS,
): Finding {
  const builtin = providers.filter((p) => BUILTIN_PROVIDERS.includes(p)).map((p) => p.id);
  const own = providers.filter((p) => !BUILTIN_PROVIDERS.includes(p)).map((p) => p.id);
  const shown = id.length > 64 ? `${id.slice(0, 64)}…` : id;
  const near = nearProviderId(id, providers);
  return providerRules.report(
    'provider-unknown',
    `Unknown provider "${shown}".${near ? ` Did you mean ${near}?` : ''} Known providers: ${builtin.join(', ')}` +
      (own.length > 0 ? `; from your provider files: ${own.join(', ')}.` : '.'),
  );
}
