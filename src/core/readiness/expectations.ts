/**
 * The readiness check's expectations for one service provider: each claim the provider needs from every user, and
 * the Identity Center variable it comes from. A claim needs a value when it is the NameID (`Subject`) or a required
 * attribute mapped from a `${user:…}` variable; the definition's `userNeeds` say which values must be email
 * addresses, stable or unique. The variable is the config's mapping when it has one, else the provider's suggestion.
 */
import { child, parseJsonc, stringValue } from '../lint/jsonNodes';
import { BUILTIN_PROVIDERS, DEFAULT_PROVIDER_ID, findProvider, unknownProviderFinding } from '../providers/registry';
import type { ProviderDefinition } from '../providers/types';
import type { ClaimExpectation, ReadinessExpectations } from './claims';

/** The `attribute → value` rows of a config (or of a bare mapping array), from its text; empty when it has none. */
export function mappingsFromConfig(text: string): Map<string, string> {
  const { root } = parseJsonc(text);
  const rows = root?.type === 'object' ? child(root, 'attributeMappings') : root?.type === 'array' ? root : undefined;
  const found = new Map<string, string>();
  if (rows?.type !== 'array') return found;
  for (const row of rows.children ?? []) {
    if (row.type !== 'object') continue;
    const attribute = stringValue(child(row, 'attribute'));
    const value = stringValue(child(row, 'value'));
    if (typeof attribute === 'string' && typeof value === 'string' && !found.has(attribute))
      found.set(attribute, value);
  }
  return found;
}

/**
 * The expectations for `provider`, following `mappings` (a config's rows, read from `from`). Frontline's are the
 * check as it always was: its email, which its Subject also carries.
 */
export function providerExpectations(
  provider: ProviderDefinition,
  mappings: ReadonlyMap<string, string> = new Map(),
  from?: string,
): ReadinessExpectations {
  const needs = new Map((provider.userNeeds ?? []).map((n) => [n.claim, n]));
  const claims: ClaimExpectation[] = [];
  const add = (claim: string, suggested: string | undefined) => {
    const mapped = mappings.get(claim);
    const variable = mapped ?? suggested;
    if (variable === undefined) return;
    const need = needs.get(claim);
    // A literal needs no user attribute (roles ← agent) unless it must name the user.
    if (!variable.includes('${') && !need) return;
    claims.push({
      claim,
      variable,
      from: mapped !== undefined ? from : undefined,
      value: need?.value ?? 'text',
      identifiesUser: need?.identifiesUser ?? false,
    });
  };
  if (provider.nameId) add('Subject', provider.nameId.source);
  for (const a of provider.attributes) if (a.required) add(a.name, a.suggestedValue);
  return {
    providerId: provider.id,
    providerName: provider.id === 'twilio-frontline' ? provider.product : `${provider.vendor} ${provider.product}`,
    person: provider.id === 'twilio-frontline' ? 'worker' : 'user',
    claims,
  };
}

/** The provider the check is for: the one named (by `--provider` or the config's serviceProvider.id), else Frontline. */
export function expectationsFor(
  providerId: string | undefined,
  config?: { text: string; from?: string },
  providers: readonly ProviderDefinition[] = BUILTIN_PROVIDERS,
): { expectations: ReadinessExpectations } | { error: string } {
  const id = providerId ?? DEFAULT_PROVIDER_ID;
  const provider = findProvider(id, providers);
  if (!provider) return { error: unknownProviderFinding(id, providers).message };
  const mappings = config ? mappingsFromConfig(config.text) : new Map<string, string>();
  return { expectations: providerExpectations(provider, mappings, config?.from) };
}
