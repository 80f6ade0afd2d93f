/**
 * ACS URL and audience templates: literal text with `{paramKey}` placeholders. A template is filled from params, and
 * compiled to a matcher that recognises a pasted value and takes the params out of it. Matching is linear: the
 * literal parts are found left to right (each param ends at the first occurrence of the literal after it) and every
 * captured value must then match its param's pattern, so a value that a param's pattern cannot contain is never
 * split wrongly.
 */
import { CompiledPattern, MAX_PARAM_LENGTH, matchesPattern } from './pattern';

export type TemplatePart = { literal: string } | { param: string };

export type TemplateResult = { ok: true; parts: TemplatePart[] } | { ok: false; message: string };

/** Longest template accepted. */
export const MAX_TEMPLATE_LENGTH = 1024;
/** Longest value a template is matched against (a pasted URL). */
export const MAX_TEMPLATE_INPUT = 4 * MAX_PARAM_LENGTH;

export function parseTemplate(template: string, paramKeys: readonly string[]): TemplateResult {
  if (typeof template !== 'string' || template.length === 0) return { ok: false, message: 'the template is empty' };
  if (template.length > MAX_TEMPLATE_LENGTH)
    return { ok: false, message: `the template has ${template.length} characters; at most ${MAX_TEMPLATE_LENGTH}` };
  const parts: TemplatePart[] = [];
  const re = /\{([A-Za-z][A-Za-z0-9_]{0,63})\}|[{}]/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m[1] === undefined)
      return { ok: false, message: `"${m[0]}" at character ${m.index + 1} is not part of a {param} placeholder` };
    if (!paramKeys.includes(m[1]))
      return {
        ok: false,
        message: `{${m[1]}} is not a param of this provider (params: ${paramKeys.join(', ') || 'none'})`,
      };
    if (m.index > last) parts.push({ literal: template.slice(last, m.index) });
    else if (parts.length > 0 && 'param' in (parts[parts.length - 1] as TemplatePart))
      return {
        ok: false,
        message: `{${m[1]}} follows another placeholder directly; two params must be separated by literal text`,
      };
    parts.push({ param: m[1] });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return { ok: true, parts };
}

/** The params a template uses, in order. */
export function templateParams(parts: readonly TemplatePart[]): string[] {
  return parts.flatMap((p) => ('param' in p ? [p.param] : []));
}

export function fillTemplate(parts: readonly TemplatePart[], params: Readonly<Record<string, string>>): string {
  return parts.map((p) => ('literal' in p ? p.literal : (params[p.param] ?? ''))).join('');
}

/** Literal characters: how specific a template is (a template that is only a placeholder recognises nothing). */
export function literalLength(parts: readonly TemplatePart[]): number {
  return parts.reduce((n, p) => n + ('literal' in p ? p.literal.length : 0), 0);
}

/**
 * Literal characters a template needs before a pasted value may be taken for it: `{ssoUrl}` or `{acsUrl}` alone would
 * claim any text, while `{vanity}.zoom.us` or `urn:flex:{connection}` name their provider.
 */
export const MIN_RECOGNISABLE_LITERAL = 8;

export function isRecognisable(parts: readonly TemplatePart[]): boolean {
  return literalLength(parts) >= MIN_RECOGNISABLE_LITERAL;
}

/**
 * The params taken out of `value` when it has the template's form, each matching its pattern; otherwise undefined.
 */
export function matchTemplate(
  parts: readonly TemplatePart[],
  value: string,
  patterns: Readonly<Record<string, CompiledPattern | undefined>>,
): Record<string, string> | undefined {
  if (value.length > MAX_TEMPLATE_INPUT) return undefined;
  const params: Record<string, string> = {};
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as TemplatePart;
    if ('literal' in part) {
      if (!value.startsWith(part.literal, at)) return undefined;
      at += part.literal.length;
      continue;
    }
    const next = parts[i + 1];
    let end: number;
    if (next === undefined) end = value.length;
    else {
      const literal = (next as { literal: string }).literal;
      // The last literal must end the value; a middle one is the first occurrence after this param.
      end = i + 2 === parts.length ? value.length - literal.length : value.indexOf(literal, at);
      if (end < at) return undefined;
    }
    const captured = value.slice(at, end);
    const pattern = patterns[part.param];
    if (captured === '' || !pattern || !matchesPattern(pattern, captured)) return undefined;
    if (params[part.param] !== undefined && params[part.param] !== captured) return undefined;
    params[part.param] = captured;
    at = end;
  }
  return at === value.length ? params : undefined;
}
