/**
 * A config's service provider: `serviceProvider.id` and `params`, checked against the provider's definition, and the
 * plain expectations the mapping checks take from it. A file without `id` (or with `twilio-frontline`) is Frontline's
 * and is linted exactly as before providers existed.
 */
import { Finding } from '../common/findings';
import {
  DEFAULT_PROVIDER_ID,
  ProviderDefinition,
  checkParam,
  compileProvider,
  findProvider,
  nearProviderId,
  providerValues,
  statusFindings,
  unknownProviderFinding,
} from '../providers';
import { closest, excerpt } from '../common/text';
import { Node, child, innerSpan, replaceValueEdit, spanOf, stringValue } from './jsonNodes';
import { ProviderMappingExpectations } from './rules/attributeMappings';
import { config } from './rules/config';
import { provider as providerRules } from './rules/provider';

/** Frontline (the default), another known provider, or an id that names none (then no provider rule applies). */
export type ConfigProvider =
  { kind: 'frontline' } | { kind: 'provider'; definition: ProviderDefinition } | { kind: 'unknown' };

/** Which provider a config is for, from its serviceProvider section; `provider-unknown` for an id that names none. */
export function configProvider(section: Node | undefined, text: string, out: Finding[]): ConfigProvider {
  const idNode = child(section, 'id');
  if (!idNode) return { kind: 'frontline' };
  const id = stringValue(idNode);
  if (id === undefined) {
    out.push(
      config.report('config-type', '"id" must be a string: a provider id such as "twilio-flex".', {
        span: spanOf(idNode),
      }),
    );
    return { kind: 'unknown' };
  }
  if (id === DEFAULT_PROVIDER_ID) return { kind: 'frontline' };
  const definition = findProvider(id);
  if (definition) return { kind: 'provider', definition };
  const near = nearProviderId(id);
  out.push({
    ...unknownProviderFinding(id),
    span: innerSpan(idNode, text),
    fix: near ? { title: `Use "${near}"`, edits: [replaceValueEdit(idNode, near)], preferred: true } : undefined,
  });
  return { kind: 'unknown' };
}

/**
 * The provider's status, its params (pattern, with the example and where to find each), and the ACS URL and audience
 * overrides, which must agree with what the params give. For `custom`, whose params are the ACS URL and audience,
 * `serviceProvider.acsUrl`/`audience` are the params.
 */
export function lintProviderSection(definition: ProviderDefinition, section: Node, text: string, out: Finding[]): void {
  const idNode = child(section, 'id') as Node;
  for (const f of statusFindings(definition)) out.push({ ...f, span: innerSpan(idNode, text) });
  const paramsNode = child(section, 'params');
  if (paramsNode && paramsNode.type !== 'object') {
    out.push(
      providerRules.report('provider-params-type', '"params" must be an object { "key": "value" }.', {
        span: spanOf(paramsNode),
      }),
    );
  }
  const params = paramsNode?.type === 'object' ? paramsNode : undefined;
  const known = definition.params.map((p) => p.key);
  for (const prop of params?.children ?? []) {
    const keyNode = prop.children?.[0];
    const key = keyNode?.value as string | undefined;
    if (!keyNode || key === undefined || known.includes(key)) continue;
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
    // custom's params are the ACS URL and audience, which the config may hold in serviceProvider itself.
    const valueNode = child(params, param.key) ?? (definition.id === 'custom' ? child(section, param.key) : undefined);
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
    const node = child(section, field);
    const given = stringValue(node);
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
