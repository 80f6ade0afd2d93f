/**
 * A provider definition turned into the plain expectations the SAML checks take (src/core/saml never knows which
 * provider it checks), and the provider a response names in its Destination or Audience when none was given.
 */
import type {
  SamlAttributeExpectation,
  SamlExpectations,
  SamlReport,
  ServiceProviderExpectations,
} from '../saml/response';
import { Finding, InputError, finding } from '../common/findings';
import { BUILTIN_PROVIDERS, DEFAULT_PROVIDER_ID, findProvider, unknownProviderFinding } from './registry';
import { ProviderDefinition } from './types';
import { Recognised, providerValues, recogniseProvider } from './values';

/** How messages name a provider: its product without what the parentheses add ("Flex (enhanced SSO)" → "Flex"). */
export function providerShortName(definition: ProviderDefinition): string {
  return definition.product.replace(/\s*\(.*\)\s*$/, '') || definition.id;
}

export interface ProviderSamlExpectations {
  serviceProvider: ServiceProviderExpectations;
  /** The params used (after trimming and defaults). */
  params: Record<string, string>;
  /** Param and status findings (a missing or malformed param is an error: its URLs are then not compared). */
  findings: Finding[];
}

/** What a response must carry for this provider and its params. */
export function samlExpectationsFromProvider(
  definition: ProviderDefinition,
  params: Readonly<Record<string, string | undefined>>,
): ProviderSamlExpectations {
  const values = providerValues(definition, params);
  const name = providerShortName(definition);
  const attributes: SamlAttributeExpectation[] = definition.attributes.map((a) => ({
    name: a.name,
    required: a.required,
    ...(a.allowedValues ? { allowedValues: a.allowedValues } : {}),
    ...(a.suggestedValue ? { suggestedValue: a.suggestedValue } : {}),
  }));
  const signing = definition.signing ?? {};
  const compared = values.acsUrl !== null || values.audience !== null;
  const serviceProvider: ServiceProviderExpectations = {
    name,
    ...(values.acsUrl !== null ? { acsUrl: values.acsUrl } : {}),
    ...(values.audience !== null ? { audience: values.audience } : {}),
    ...(compared ? {} : { notCompared: notComparedFinding(definition, name) }),
    attributes,
    ...(definition.nameId ? { nameIdFormats: definition.nameId.formats, nameIdSource: definition.nameId.source } : {}),
    ...(signing.response ? { responseSigned: true } : {}),
    ...(signing.assertion ? { assertionSigned: true } : {}),
    ...(signing.unsignedResponseError ? { unsignedResponseError: signing.unsignedResponseError } : {}),
    ...(signing.algorithm ? { algorithm: signing.algorithm } : {}),
    ...(signing.encryptedAssertionRefused ? { refusesEncryptedAssertions: true } : {}),
  };
  return { serviceProvider, params: values.params, findings: values.findings };
}

/**
 * Said when the params that make the ACS URL and audience are not known. Frontline's keeps its code of before
 * providers existed (`saml-no-realm`), so that existing reports and scripts read the same.
 */
function notComparedFinding(definition: ProviderDefinition, name: string): Finding {
  const labels = definition.params.filter((p) => p.default === undefined).map((p) => p.label);
  const what = labels.length > 0 ? `No ${labels.join(' or ')} was given` : 'No ACS URL or audience was given';
  return finding(
    definition.id === DEFAULT_PROVIDER_ID ? 'saml-no-realm' : 'saml-no-provider-params',
    'info',
    `${what}, so Destination, Recipient and Audience were not compared with ${name}'s values.`,
  );
}

/** Frontline's policies without its URLs: what a response is checked against when nothing names a provider. */
export function defaultSamlExpectations(): ServiceProviderExpectations {
  return samlExpectationsFromProvider(findProvider(DEFAULT_PROVIDER_ID)!, {}).serviceProvider;
}

/** Frontline's expectations for a Realm SID (a config's top-level `realmSid`, or `--realm`). */
export function frontlineSamlExpectations(realmSid: string | undefined): ServiceProviderExpectations {
  const frontline = findProvider(DEFAULT_PROVIDER_ID)!;
  return realmSid === undefined
    ? defaultSamlExpectations()
    : samlExpectationsFromProvider(frontline, { realmSid }).serviceProvider;
}

/**
 * The SAML expectations of a config without a provider id (Frontline's, as before providers existed) or of
 * `--realm`/`--issuer`/`--cert`: Frontline's policies, and its URLs when the Realm SID is known.
 */
export function frontlineConfigSamlExpectations(config: {
  realmSid?: string;
  issuer?: string;
  certificatePem?: string;
}): SamlExpectations {
  return {
    serviceProvider: frontlineSamlExpectations(config.realmSid),
    ...(config.issuer !== undefined ? { issuer: config.issuer } : {}),
    ...(config.certificatePem !== undefined ? { certificatePem: config.certificatePem } : {}),
  };
}

/**
 * The SAML expectations of a config: its provider's when `serviceProvider.id` names one other than Frontline, else
 * Frontline's (as before providers existed). An id that names no provider is an InputError that lists the known ids.
 */
export function configSamlExpectations(config: {
  realmSid?: string;
  issuer?: string;
  certificatePem?: string;
  serviceProvider?: { id: string; params: Record<string, string> };
}): { expect: SamlExpectations; provider?: { definition: ProviderDefinition } & ProviderSamlExpectations } {
  const expect = frontlineConfigSamlExpectations(config);
  const id = config.serviceProvider?.id;
  if (id === undefined || id === DEFAULT_PROVIDER_ID) return { expect };
  const definition = findProvider(id);
  if (!definition) throw new InputError(`The config's ${unknownProviderFinding(id).message}`);
  const found = samlExpectationsFromProvider(definition, config.serviceProvider?.params ?? {});
  return { expect: { ...expect, serviceProvider: found.serviceProvider }, provider: { definition, ...found } };
}

export interface RecognisedSamlProvider extends Recognised {
  /** Which value of the response named the provider. */
  recognisedFrom: 'Destination' | 'Audience';
}

/**
 * The provider a response names: its Destination (the ACS URL) first, then its Audience. Undefined when neither is
 * a known provider's form; a `custom` provider (any URL) is never recognised.
 */
export function recogniseSamlProvider(
  destination: string | null,
  audience: string | null,
  providers: readonly ProviderDefinition[] = BUILTIN_PROVIDERS,
): RecognisedSamlProvider | undefined {
  for (const [value, from] of [
    [destination, 'Destination'],
    [audience, 'Audience'],
  ] as const) {
    if (value === null) continue;
    const recognised = recogniseProvider(value, providers);
    if (recognised) return { ...recognised, recognisedFrom: from };
  }
  return undefined;
}

/** The information finding that says which provider the response was recognised as, and from what. */
export function recognisedFinding(recognised: RecognisedSamlProvider): Finding {
  const p = recognised.provider;
  const params = Object.entries(recognised.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return finding(
    'saml-provider-recognised',
    'info',
    `No provider was given; the ${recognised.recognisedFrom} names ${p.vendor} ${p.product} (provider ${p.id}${params ? `, ${params}` : ''}), so the response is checked against it.`,
  );
}

export interface RecognisingCheck {
  report: SamlReport;
  /** The provider the response named, and the params used to check it. Absent when none was recognised. */
  recognised?: RecognisedSamlProvider;
}

/**
 * Checks a response given nothing that names its provider (no config, Realm SID or --provider): once with
 * `expect` (Frontline's policies without its URLs, as before providers existed), and when the response's
 * Destination or Audience names a provider, again against that provider, the report saying which it is.
 */
export async function checkRecognisingProvider(
  check: (expect: SamlExpectations) => Promise<SamlReport>,
  expect: SamlExpectations,
): Promise<RecognisingCheck> {
  const first = await check(expect);
  const recognised = recogniseSamlProvider(first.destination, first.audience);
  if (!recognised) return { report: first };
  const found = samlExpectationsFromProvider(recognised.provider, recognised.params);
  const report = await check({ ...expect, serviceProvider: found.serviceProvider });
  report.checks.unshift(recognisedFinding(recognised), ...recognised.findings);
  return { report, recognised: { ...recognised, params: found.params } };
}
