/**
 * A config's service provider: `serviceProvider.id` and `params`, checked against the provider's definition, and the
 * plain expectations the mapping checks take from it. A file without `id` (or with `twilio-frontline`) is Frontline's
 * and is linted exactly as before providers existed.
 */
import { Finding } from '../common/findings';
import {
  BUILTIN_PROVIDERS,
  DEFAULT_PROVIDER_ID,
  ProviderDefinition,
  UserProviderFile,
  checkParam,
  compileProvider,
  nameProvider,
  nearProviderId,
  providerValues,
  statusFindings,
  unknownProviderFinding,
  usableUserProviders,
} from '../providers';
import { closest, excerpt } from '../common/text';
import { ServiceProviderSection, paramNode } from '../config/serviceProvider';
import { Node, innerSpan, replaceValueEdit, spanOf, stringValue } from './jsonNodes';
import { ProviderMappingExpectations } from './rules/attributeMappings';
import { config } from './rules/config';
import { provider as providerRules } from './rules/provider';

/** Frontline (the default), another known provider, or an id that names none (then no provider rule applies). */
export type ConfigProvider =
  { kind: 'frontline' } | { kind: 'provider'; definition: ProviderDefinition } | { kind: 'unknown' };

/** A user's provider file as a config's finding names it: its path, and its first error with how many more. */
function brokenFileMessage(file: UserProviderFile): string {
  const [first, ...rest] = file.errors;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  return `${file.name}, which has errors: ${first?.message ?? 'it cannot be read'}${more}`;
}

/**
 * Which provider a config is for, from its serviceProvider section: a built-in one, or one of the user's provider
 * files (`userFiles`). An id that names none is `provider-unknown`, listing the built-in and the user's ids; one that
 * names a broken, duplicated or (in Restricted Mode) untrusted user file says so, naming the file.
 */
export function configProvider(
  section: ServiceProviderSection,
  text: string,
  out: Finding[],
  userFiles: readonly UserProviderFile[] = [],
): ConfigProvider {
  const idField = section.id;
  if (!idField) return { kind: 'frontline' };
  const { node: idNode, value: id } = idField;
  if (id === undefined) {
    out.push(
      config.report('config-type', '"id" must be a string: a provider id such as "twilio-flex".', {
        span: spanOf(idNode),
      }),
    );
    return { kind: 'unknown' };
  }
  if (id === DEFAULT_PROVIDER_ID) return { kind: 'frontline' };
  const named = nameProvider(id, userFiles);
  const span = innerSpan(idNode, text);
  const shown = excerpt(id);
  switch (named.kind) {
    case 'builtin':
    case 'user':
      return { kind: 'provider', definition: named.definition };
    case 'broken':
      out.push(
        providerRules.report(
          'provider-user-broken',
          `The provider "${shown}" is defined in ${brokenFileMessage(named.file)}. Fix that file; until then this config is not checked against the provider.`,
          { span },
        ),
      );
      return { kind: 'unknown' };
    case 'duplicate':
      out.push(
        providerRules.report(
          'provider-user-duplicate',
          `The provider "${shown}" is defined in ${named.files.length} provider files (${named.files.map((f) => f.name).join(', ')}); keep one, or give one of them another id.`,
          { span },
        ),
      );
      return { kind: 'unknown' };
    case 'untrusted':
      out.push(
        providerRules.report(
          'provider-user-untrusted',
          `The provider "${shown}" is defined in this workspace (${named.file.name}), which is not trusted: it is used once the workspace is trusted. Until then this config is not checked against it.`,
          { span },
        ),
      );
      return { kind: 'unknown' };
    case 'unknown': {
      const known = [...BUILTIN_PROVIDERS, ...usableUserProviders(userFiles)];
      const near = nearProviderId(id, known);
      out.push({
        ...unknownProviderFinding(id, known),
        span,
        fix: near ? { title: `Use "${near}"`, edits: [replaceValueEdit(idNode, near)], preferred: true } : undefined,
      });
      return { kind: 'unknown' };
    }
  }
}

/**
 * The provider's status, its params (pattern, with the example and where to find each), and the ACS URL and audience
 * overrides, which must agree with what the params give. For `custom`, whose params are the ACS URL and audience,
 * `serviceProvider.acsUrl`/`audience` are the params.
 */
export function lintProviderSection(
  definition: ProviderDefinition,
  section: ServiceProviderSection,
  text: string,
  out: Finding[],
): void {
  const idNode = section.id?.node as Node;
  for (const f of statusFindings(definition)) out.push({ ...f, span: innerSpan(idNode, text) });
  const paramsNode = section.paramsNode;
  if (paramsNode && paramsNode.type !== 'object') {
    out.push(
      providerRules.report('provider-params-type', '"params" must be an object { "key": "value" }.', {
        span: spanOf(paramsNode),
      }),
    );
  }
  const known = definition.params.map((p) => p.key);
  for (const { key, keyNode } of section.params) {
    if (known.includes(key)) continue;
    const near = key.length <= 64 ? closest(key, known, 3) : undefined;
    out.push(
      providerRules.report(
        'provider-param-unknown',
        `"${excerpt(key)}" is not a param of ${definition.id}` +
          (near ? `; did you mean "${near}"?` : `; its params: ${known.join(', ') || 'none'}.`),
        {
          span: spanOf(keyNode),
          fix: near
            ? { title: `Rename to "${near}"`, edits: [replaceValueEdit(keyNode, near)], preferred: true }
            : undefined,
        },
      ),
    );
  }
  const compiled = compileProvider(definition);
  const resolved: Record<string, string> = {};
  for (const param of definition.params) {
    const valueNode = paramNode(section, param.key);
    const raw = valueNode ? stringValue(valueNode) : undefined;
    if (valueNode && raw === undefined) {
      out.push(
        providerRules.report('provider-params-type', `"${param.key}" must be a string.`, { span: spanOf(valueNode) }),
      );
      continue;
    }
    const result = checkParam(compiled, param, raw);
    const span = valueNode ? innerSpan(valueNode, text) : spanOf(paramsNode ?? idNode);
    for (const f of result.findings) {
      const fix =
        valueNode && result.value !== undefined && result.value !== raw
          ? {
              title: `Replace with ${result.value}`,
              edits: [replaceValueEdit(valueNode, result.value)],
              preferred: true,
            }
          : undefined;
      out.push({ ...f, span, fix });
    }
    if (result.value !== undefined) resolved[param.key] = result.value;
  }
  const values = providerValues(definition, resolved);
  for (const field of ['acsUrl', 'audience'] as const) {
    const node = section[field]?.node;
    const given = section[field]?.value;
    const expected = values[field];
    if (!node || given === undefined || expected === null || given.trim() === expected) continue;
    const label = field === 'acsUrl' ? 'ACS URL' : 'audience';
    out.push(
      providerRules.report(
        field === 'acsUrl' ? 'provider-acsUrl-mismatch' : 'provider-audience-mismatch',
        `The ${label} "${excerpt(given)}" is not ${definition.id}'s for these params, which is ${expected}.`,
        {
          span: innerSpan(node, text),
          fix: { title: `Replace with ${expected}`, edits: [replaceValueEdit(node, expected)], preferred: true },
        },
      ),
    );
  }
}

/** What the mapping checks expect of a provider other than Frontline: plain data from its definition. */
export function mappingExpectations(definition: ProviderDefinition): ProviderMappingExpectations {
  return {
    name: `${definition.vendor} ${definition.product} (${definition.id})`,
    attributes: definition.attributes,
    subject: definition.nameId
      ? { attribute: 'Subject', value: definition.nameId.source, format: definition.nameId.formats[0] as string }
      : undefined,
    nameIdFormats: definition.nameId?.formats,
  };
}
