/**
 * What a provider definition gives a user: the values to type into IAM Identity Center (ACS URL, audience, NameID,
 * attribute mappings) from the params, each param checked first; and the reverse, which provider and params a
 * pasted ACS URL or audience belongs to. Pure: no I/O, every input bounded.
 */
import { Finding } from '../common/findings';
import { provider as providerRules } from '../lint/rules/provider';
import { trimWhere } from '../common/text';
import { CompiledPattern, MAX_PARAM_LENGTH, compilePattern, matchesPattern } from './pattern';
import { BUILTIN_PROVIDERS } from './registry';
import {
  MAX_TEMPLATE_INPUT,
  TemplatePart,
  fillTemplate,
  isRecognisable,
  literalLength,
  matchTemplate,
  parseTemplate,
  templateParams,
} from './template';
import { ProviderDefinition, ProviderParam } from './types';

/** A definition with its patterns and templates compiled (once per definition object). */
export interface CompiledProvider {
  definition: ProviderDefinition;
  patterns: Record<string, CompiledPattern | undefined>;
  acsUrl?: TemplatePart[];
  audience?: TemplatePart[];
  oldForms: Array<{ parts: TemplatePart[]; message: string }>;
}

const compiled = new WeakMap<ProviderDefinition, CompiledProvider>();

/**
 * Compiles a definition. A pattern or template that does not compile is left out (a validated user file never has
 * one; validateProviderFile reports it), so that nothing is made from it.
 */
export function compileProvider(definition: ProviderDefinition): CompiledProvider {
  const cached = compiled.get(definition);
  if (cached) return cached;
  const keys = definition.params.map((p) => p.key);
  const patterns: Record<string, CompiledPattern | undefined> = {};
  for (const p of definition.params) {
    const r = compilePattern(p.pattern);
    patterns[p.key] = r.ok ? r.pattern : undefined;
  }
  const parts = (template: string) => {
    const r = parseTemplate(template, keys);
    return r.ok ? r.parts : undefined;
  };
  const result: CompiledProvider = {
    definition,
    patterns,
    acsUrl: parts(definition.acsUrl),
    audience: parts(definition.audience),
    oldForms: (definition.oldForms ?? []).flatMap((f) => {
      const p = parts(f.template);
      return p ? [{ parts: p, message: f.message }] : [];
    }),
  };
  compiled.set(definition, result);
  return result;
}

// Characters people paste around values: spaces, NBSP, zero-width, BOM, quotes, brackets.
const WRAPPING = /[\s\u00a0\u200b-\u200d\u2060\ufeff"'`“”‘’<>«»()[\]{},;]/;

/** Removes what a paste typically wraps a value in. */
export function unwrapPasted(input: string): string {
  return trimWhere(input, (ch) => WRAPPING.test(ch));
}

function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

function paramHelp(param: ProviderParam): string {
  return `${param.where} Example: ${param.example}`;
}

export interface ParamResult {
  /** The usable value; absent when the param is missing or malformed (never guessed). */
  value?: string;
  findings: Finding[];
}

/**
 * Checks one param. Whitespace or quotes around a value, or the value pasted as a whole ACS URL or audience of the
 * same provider, are taken with an information finding; anything else that does not match the pattern is an error
 * with the example and where to find the value.
 */
export function checkParam(provider: CompiledProvider, param: ProviderParam, raw: string | undefined): ParamResult {
  const id = provider.definition.id;
  if (raw === undefined) {
    if (param.default !== undefined) return { value: param.default, findings: [] };
    return {
      findings: [
        providerRules.report(
          'provider-param-missing',
          `The ${param.label} (${param.key}) of ${id} is missing. ${paramHelp(param)}.`,
        ),
      ],
    };
  }
  if (raw.length > MAX_TEMPLATE_INPUT) {
    return {
      findings: [
        providerRules.report(
          'provider-param-too-long',
          `The ${param.label} (${param.key}) is ${raw.length.toLocaleString('en-US')} characters long; a param is at most ${MAX_PARAM_LENGTH.toLocaleString('en-US')}. ${paramHelp(param)}.`,
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  const value = unwrapPasted(raw);
  if (value === '') {
    return {
      findings: [
        providerRules.report(
          'provider-param-empty',
          `The ${param.label} (${param.key}) is empty. ${paramHelp(param)}.`,
        ),
      ],
    };
  }
  if (value !== raw)
    findings.push(
      providerRules.report(
        'provider-param-trimmed',
        `Removed whitespace or quotes around the ${param.label} (${param.key}).`,
      ),
    );
  const pattern = provider.patterns[param.key];
  if (pattern && value.length <= MAX_PARAM_LENGTH && matchesPattern(pattern, value)) return { value, findings };
  if (/[:/]/.test(value)) {
    const fromUrl = paramsFromUrl(provider, value)?.params[param.key];
    if (fromUrl !== undefined) {
      findings.push(
        providerRules.report('provider-param-from-url', `Took the ${param.label} ${fromUrl} out of the pasted URL.`),
      );
      return { value: fromUrl, findings };
    }
  }
  findings.push(
    providerRules.report(
      'provider-param-malformed',
      value.length > MAX_PARAM_LENGTH
        ? `The ${param.label} (${param.key}) is ${value.length.toLocaleString('en-US')} characters long; at most ${MAX_PARAM_LENGTH.toLocaleString('en-US')}. ${paramHelp(param)}.`
        : `The ${param.label} (${param.key}) "${shown(value)}" does not have the expected form ${param.pattern}. ${paramHelp(param)}.`,
    ),
  );
  return { findings };
}

/** One row to type into IAM Identity Center (Actions → Edit attribute mappings). */
export interface MappingRow {
  attribute: string;
  value: string;
  format: string;
}

export interface ProviderValues {
  provider: string;
  /** The params used (after trimming and defaults); missing and malformed ones are absent. */
  params: Record<string, string>;
  acsUrl: string | null;
  audience: string | null;
  nameIdFormat: string | null;
  attributeMappings: MappingRow[];
  findings: Finding[];
}

/** The status finding of a legacy or deprecated provider (none for a current or merely legacy one). */
export function statusFindings(definition: ProviderDefinition): Finding[] {
  if (definition.status !== 'deprecated') return [];
  const details = definition.statusDetails;
  const replacement = details?.replacement ? ` Move to provider ${details.replacement}.` : '';
  const guide = details?.guide ? ` Migration guide: ${details.guide}` : '';
  return [
    providerRules.report(
      'provider-deprecated',
      `${definition.vendor} ${definition.product} (${definition.id}) is deprecated. ${details?.message ?? ''}${replacement}${guide}`.replace(
        /\s+$/,
        '',
      ),
    ),
  ];
}

/** The Identity Center rows: Subject (the NameID) first, then every attribute with its suggested value. */
export function mappingRows(definition: ProviderDefinition): MappingRow[] {
  const rows: MappingRow[] = [];
  const nameIdFormat = definition.nameId?.formats[0];
  if (definition.nameId && nameIdFormat)
    rows.push({ attribute: 'Subject', value: definition.nameId.source, format: nameIdFormat });
  for (const a of definition.attributes)
    rows.push({ attribute: a.name, value: a.suggestedValue ?? '', format: a.format });
  return rows;
}

/**
 * The values for a provider and its params. A template is filled only when every param it uses is valid: a missing
 * or malformed param gives an error finding and a null value, never a guessed one.
 */
export function providerValues(
  definition: ProviderDefinition,
  params: Readonly<Record<string, string | undefined>>,
): ProviderValues {
  const provider = compileProvider(definition);
  const findings: Finding[] = [...statusFindings(definition)];
  const known = definition.params.map((p) => p.key);
  for (const key of Object.keys(params)) {
    if (!known.includes(key))
      findings.push(
        providerRules.report(
          'provider-param-unknown',
          `"${shown(key)}" is not a param of ${definition.id}; its params: ${known.join(', ') || 'none'}.`,
        ),
      );
  }
  const resolved: Record<string, string> = {};
  for (const param of definition.params) {
    const raw = Object.prototype.hasOwnProperty.call(params, param.key) ? params[param.key] : undefined;
    const r = checkParam(provider, param, raw);
    findings.push(...r.findings);
    if (r.value !== undefined) resolved[param.key] = r.value;
  }
  const fill = (parts: TemplatePart[] | undefined) =>
    parts && templateParams(parts).every((k) => resolved[k] !== undefined) ? fillTemplate(parts, resolved) : null;
  return {
    provider: definition.id,
    params: resolved,
    acsUrl: fill(provider.acsUrl),
    audience: fill(provider.audience),
    nameIdFormat: definition.nameId?.formats[0] ?? null,
    attributeMappings: mappingRows(definition),
    findings,
  };
}

export interface Recognised {
  provider: ProviderDefinition;
  /** Which value the input is. `oldForm` is an older URL of the provider (e.g. Flex's preview.twilio.com). */
  field: 'acsUrl' | 'audience' | 'oldForm';
  params: Record<string, string>;
  findings: Finding[];
}

/** The params taken out of a value with one of this provider's forms, and which form it is. */
function paramsFromUrl(
  provider: CompiledProvider,
  value: string,
): { field: Recognised['field']; params: Record<string, string>; specificity: number; message?: string } | undefined {
  const forms: Array<{ field: Recognised['field']; parts?: TemplatePart[]; message?: string }> = [
    { field: 'acsUrl', parts: provider.acsUrl },
    { field: 'audience', parts: provider.audience },
    ...provider.oldForms.map((f) => ({ field: 'oldForm' as const, parts: f.parts, message: f.message })),
  ];
  let best: ReturnType<typeof paramsFromUrl>;
  for (const form of forms) {
    if (!form.parts || !isRecognisable(form.parts)) continue;
    const params = matchTemplate(form.parts, value, provider.patterns);
    const specificity = literalLength(form.parts);
    if (params && (!best || specificity > best.specificity))
      best = { field: form.field, params, specificity, message: form.message };
  }
  return best;
}

/**
 * Which provider a pasted ACS URL or audience (or an older URL form) belongs to, with the params taken out of it.
 * The most specific match wins (the longest literal text). Undefined when no provider has the value's form.
 */
export function recogniseProvider(
  input: string,
  providers: readonly ProviderDefinition[] = BUILTIN_PROVIDERS,
): Recognised | undefined {
  if (input.length > MAX_TEMPLATE_INPUT) return undefined;
  const value = unwrapPasted(input);
  let best: { provider: ProviderDefinition; match: NonNullable<ReturnType<typeof paramsFromUrl>> } | undefined;
  for (const definition of providers) {
    const match = paramsFromUrl(compileProvider(definition), value);
    if (match && (!best || match.specificity > best.match.specificity)) best = { provider: definition, match };
  }
  if (!best) return undefined;
  const findings: Finding[] = [];
  if (best.match.message) {
    const current = compileProvider(best.provider).acsUrl;
    const replacement =
      current && templateParams(current).every((k) => best.match.params[k] !== undefined)
        ? ` Use ${fillTemplate(current, best.match.params)} instead.`
        : '';
    findings.push(providerRules.report('provider-old-url', `${best.match.message}${replacement}`));
  }
  findings.push(...statusFindings(best.provider));
  return { provider: best.provider, field: best.match.field, params: best.match.params, findings };
}
