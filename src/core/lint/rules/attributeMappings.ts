import { RuleInfo, defineRules } from './define';
import { provider as providerRules } from './provider';
import { MAX_FINDINGS } from './json';
import { closest, excerpt } from '../../common/text';
import { Finding, Fix, Severity, TextEdit } from '../../common/findings';
import {
  ATTRIBUTE_FORMATS,
  AttributeMapping,
  KNOWN_ROLES,
  RECOMMENDED_MAPPINGS,
  REQUIRED_ATTRIBUTES,
  SUBJECT_FORMATS,
  analyseMappingValue,
} from '../../config/mappings';
import { Node, child, innerSpan, lineIndentAt, replaceValueEdit, spanOf, stringValue } from '../jsonNodes';

const rule = (severity: Severity, title: string, fix: string, fixable: boolean, example?: string): RuleInfo => ({
  severity,
  title,
  why: 'Frontline identifies users by the Subject and email attributes and gives them the roles attribute; a wrong mapping fails the sign-in or signs the user in as someone without a role.',
  fix,
  fixable,
  example,
});
const valueExample = (name: string) => `{ "attribute": "${name}", "value": "\${user:name}", "format": "unspecified" }`;

/** Attribute mappings: the mappings of a config or a mapping file, checked below. */
export const attributeMappings = defineRules('Attribute mappings', {
  'mappings-missing': rule('error', 'No "attributeMappings".', 'Add the recommended mappings (quick fix).', true),
  'mappings-file-shape': rule(
    'error',
    'A mapping file that is neither an array nor { "attributeMappings": [...] }.',
    'Use one of the two shapes.',
    false,
  ),
  'mapping-not-object': rule(
    'error',
    'A mapping that is not an object.',
    'Write each mapping as { "attribute": …, "value": …, "format": … }.',
    false,
  ),
  'mapping-attribute-missing': rule(
    'error',
    'A mapping without "attribute".',
    'Add the user attribute name (Subject, email, roles).',
    false,
  ),
  'mapping-value-missing': rule(
    'error',
    'A mapping without "value".',
    'Add what it maps to, such as ${user:email}.',
    false,
  ),
  'mapping-format-missing': rule(
    'error',
    'A mapping without "format".',
    'Add the format (quick fix adds the recommended one).',
    true,
  ),
  'mapping-subject-missing': rule(
    'error',
    'The "Subject" mapping is missing.',
    'Add Subject (quick fix adds the recommended row).',
    true,
  ),
  'mapping-email-missing': rule(
    'error',
    'The "email" mapping is missing.',
    'Add email (quick fix adds the recommended row).',
    true,
  ),
  'mapping-roles-missing': rule(
    'error',
    'The "roles" mapping is missing.',
    'Add roles (quick fix adds the recommended row).',
    true,
  ),
  'mapping-subject-value': rule(
    'error',
    '"Subject" is not mapped to ${user:email}.',
    'Map it to ${user:email} (quick fix).',
    true,
    valueExample('Subject'),
  ),
  'mapping-email-value': rule(
    'error',
    '"email" is not mapped to ${user:email}.',
    'Map it to ${user:email} (quick fix).',
    true,
    valueExample('email'),
  ),
  'mapping-roles-unknown': rule(
    'warning',
    'A role other than "agent" (the only role with public evidence).',
    'Use "agent" unless you know Frontline accepts your value.',
    true,
  ),
  'mapping-name-case': rule(
    'warning',
    'An attribute name in the wrong case (Email, Roles, subject).',
    'Rename it (quick fix): names are case-sensitive.',
    true,
    '{ "attribute": "Email", … }',
  ),
  'mapping-unknown-variable': rule(
    'error',
    'A ${user:…} variable IAM Identity Center does not have.',
    'Use the suggested variable (quick fix), such as ${user:email}.',
    true,
    '"${user:emial}"',
  ),
  'mapping-malformed-variable': rule(
    'error',
    'A variable written wrongly (${user.email}, a missing brace or $).',
    'Write it as ${user:name} (quick fix).',
    true,
    '"${user.email}"',
  ),
  'mapping-other-feature-variable': rule(
    'warning',
    'A ${path:…} or ${dir:…} variable, which belong to other AWS features.',
    'Use a ${user:…} variable.',
    false,
  ),
  'mapping-groups-variable': rule(
    'info',
    '${user:groups}: works but is undocumented and yields group IDs, not names.',
    'Expect group IDs, or map a documented variable.',
    false,
  ),
  'mapping-invalid-format': rule(
    'error',
    'A format the attribute does not accept, or in the wrong case.',
    'Use the format suggested (quick fix).',
    true,
  ),
  'mapping-format-not-verified': rule(
    'warning',
    "A format not known for application attributes (the console's list is unconfirmed).",
    'The guide uses "unspecified".',
    true,
  ),
  'mapping-subject-format': rule(
    'info',
    'A Subject format other than the guide\'s "emailAddress".',
    'Use "emailAddress" unless you need another.',
    true,
  ),
  'mapping-duplicate': rule('error', 'An attribute mapped twice.', 'Remove the duplicate row (quick fix).', true),
});
const report = attributeMappings.report;
/** Lower case that keeps the literal type, so that a code built from an attribute name is still checked by `tsc`. */
const lowerCase = <S extends string>(s: S) => s.toLowerCase() as Lowercase<S>;

const FULL_FORMAT_URN = /^urn:oasis:names:tc:SAML:(?:1\.1|2\.0):(?:nameid-format|attrname-format):(\w+)$/;

function mappingJson(m: AttributeMapping): string {
  return `{ "attribute": ${JSON.stringify(m.attribute)}, "value": ${JSON.stringify(m.value)}, "format": ${JSON.stringify(m.format)} }`;
}

/** An edit that appends one mapping to the array, keeping the user's layout. */
export function appendMappingEdit(array: Node, text: string, mapping: AttributeMapping): TextEdit {
  const items = array.children ?? [];
  const last = items[items.length - 1];
  if (last) {
    const indent = lineIndentAt(text, last.offset);
    const sameLine = !text.slice(array.offset, last.offset).includes('\n');
    return {
      offset: last.offset + last.length,
      length: 0,
      newText: sameLine ? `, ${mappingJson(mapping)}` : `,\n${indent}${mappingJson(mapping)}`,
    };
  }
  const outer = lineIndentAt(text, array.offset);
  return {
    offset: array.offset + 1,
    length: array.length - 2,
    newText: `\n${outer}  ${mappingJson(mapping)}\n${outer}`,
  };
}

/** An edit that removes one element of an array with its separating comma. */
export function removeElementEdit(array: Node, index: number): TextEdit {
  const items = array.children ?? [];
  const item = items[index] as Node;
  const previous = items[index - 1];
  const next = items[index + 1];
  if (previous)
    return {
      offset: previous.offset + previous.length,
      length: item.offset + item.length - (previous.offset + previous.length),
      newText: '',
    };
  if (next) return { offset: item.offset, length: next.offset - item.offset, newText: '' };
  return { offset: item.offset, length: item.length, newText: '' };
}

function replaceFix(title: string, node: Node, value: string, preferred = true): Fix {
  return { title, edits: [replaceValueEdit(node, value)], preferred };
}

function canonicalFormat(format: string, allowed: readonly string[]): string | undefined {
  const short = FULL_FORMAT_URN.exec(format)?.[1] ?? format;
  return allowed.find((f) => f.toLowerCase() === short.toLowerCase());
}

/**
 * What a service provider other than Frontline expects of the mappings: plain data from its definition (made in
 * ../providerConfig), so that these checks never know which provider they check.
 */
export interface ProviderMappingExpectations {
  /** The provider as messages name it, e.g. "Twilio Flex (twilio-flex)". */
  name: string;
  attributes: ReadonlyArray<{
    name: string;
    required: boolean;
    allowedValues?: readonly string[];
    multiple?: boolean;
    suggestedValue?: string;
    format: string;
  }>;
  /** The Subject row (the NameID) the provider expects; absent when it documents none. */
  subject?: AttributeMapping;
  /** The NameID formats the provider accepts, the preferred first; absent when it documents none. */
  nameIdFormats?: readonly string[];
}

/**
 * Lints an attribute-mapping array: variables, formats and duplicates, and either the Subject/email/roles rows
 * Frontline needs or, with `expected`, the rows another provider needs. `anchor` is where "missing" findings point
 * (the property key or the array).
 */
export function lintMappings(
  array: Node,
  text: string,
  anchor: Node,
  out: Finding[],
  expected?: ProviderMappingExpectations,
): void {
  const seen = new Map<string, Node>();
  const present = new Set<string>();
  const caseVariants = new Set<string>();
  let checked = 0;
  (array.children ?? []).forEach((element, index) => {
    if (element.type !== 'object') {
      out.push(
        report(
          'mapping-not-object',
          'Each attribute mapping is an object: { "attribute": …, "value": …, "format": … }.',
          { span: spanOf(element) },
        ),
      );
      return;
    }
    const attributeNode = child(element, 'attribute');
    const valueNode = child(element, 'value');
    const formatNode = child(element, 'format');
    const attribute = stringValue(attributeNode);
    if (attribute === undefined || !attributeNode) {
      out.push(
        report(
          'mapping-attribute-missing',
          'This mapping has no "attribute" (the user attribute name in the application, such as email).',
          { span: spanOf(element) },
        ),
      );
      return;
    }
    const required = expected
      ? undefined
      : REQUIRED_ATTRIBUTES.find((r) => r.toLowerCase() === attribute.toLowerCase());
    let name = attribute;
    if (required && required !== attribute) {
      caseVariants.add(required);
      name = required;
      out.push(
        report(
          'mapping-name-case',
          `Attribute names are case-sensitive: Frontline looks for "${required}", not "${attribute}".`,
          { span: innerSpan(attributeNode, text), fix: replaceFix(`Rename to "${required}"`, attributeNode, required) },
        ),
      );
    }
    const first = seen.get(attribute);
    if (first) {
      out.push(
        report(
          'mapping-duplicate',
          `"${attribute}" is mapped twice; IAM Identity Center keeps one row per attribute. Remove one of them.`,
          {
            span: spanOf(attributeNode),
            related: [{ message: `First mapping of "${attribute}"`, span: spanOf(first) }],
            fix: {
              title: `Remove this duplicate "${attribute}" mapping`,
              edits: [removeElementEdit(array, index)],
              preferred: true,
            },
          },
        ),
      );
    } else {
      seen.set(attribute, attributeNode);
    }
    if (attribute === required || expected) present.add(attribute);
    const recommended = expected ? expectedRow(expected, name) : RECOMMENDED_MAPPINGS.find((m) => m.attribute === name);
    const value = stringValue(valueNode);
    if (value === undefined || !valueNode) {
      out.push(
        report(
          'mapping-value-missing',
          `The "${attribute}" mapping has no "value" (what it maps to, such as \${user:email}).`,
          {
            span: spanOf(attributeNode),
          },
        ),
      );
    } else {
      const variableFindings = lintValue(valueNode, value, text);
      out.push(...variableFindings);
      // A recommended mapping is one of the required attributes: `required` is then its name (typed, for the codes).
      if (recommended && required && variableFindings.length === 0)
        lintRequiredValue(required, valueNode, value, recommended, out);
      if (expected && variableFindings.length === 0) lintAllowedValue(expected, name, valueNode, value, text, out);
    }
    const format = stringValue(formatNode);
    if (format === undefined || !formatNode) {
      const fix: Fix | undefined =
        recommended && element.children?.length
          ? {
              title: `Add "format": "${recommended.format}"`,
              preferred: true,
              edits: [insertPropertyEdit(element, 'format', recommended.format)],
            }
          : undefined;
      out.push(
        report('mapping-format-missing', `The "${attribute}" mapping has no "format".`, {
          span: spanOf(attributeNode),
          fix,
        }),
      );
    } else {
      lintFormat(name, formatNode, format, text, out, expected);
    }
    if (expected) lintKnownAttribute(expected, attribute, attributeNode, text, out, ++checked <= MAX_FINDINGS);
  });
  if (expected) {
    lintRequiredRows(expected, array, text, anchor, present, out);
    return;
  }
  for (const required of REQUIRED_ATTRIBUTES) {
    if (present.has(required) || caseVariants.has(required)) continue;
    const mapping = RECOMMENDED_MAPPINGS.find((m) => m.attribute === required) as AttributeMapping;
    // (Frontline's rows; another provider's are checked by lintRequiredRows.)
    out.push(
      report(
        `mapping-${lowerCase(required)}-missing`,
        `The "${required}" mapping is missing; Frontline needs it. Add ${required} → ${mapping.value} (${mapping.format}).`,
        {
          span: spanOf(anchor),
          fix: {
            title: `Add the "${required}" mapping`,
            edits: [appendMappingEdit(array, text, mapping)],
            preferred: true,
          },
        },
      ),
    );
  }
}

function insertPropertyEdit(object: Node, key: string, value: string): TextEdit {
  const last = (object.children ?? [])[object.children!.length - 1] as Node;
  return {
    offset: last.offset + last.length,
    length: 0,
    newText: `, ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  };
}

function lintValue(valueNode: Node, value: string, text: string): Finding[] {
  const out: Finding[] = [];
  const inner = innerSpan(valueNode, text);
  const exact = inner.offset !== valueNode.offset;
  for (const use of analyseMappingValue(value)) {
    const span = exact ? { offset: inner.offset + use.index, length: use.text.length } : spanOf(valueNode);
    const fixFor = (suggestion: string | undefined): Fix | undefined =>
      suggestion
        ? {
            title: `Replace with ${suggestion}`,
            preferred: true,
            edits: [
              replaceValueEdit(
                valueNode,
                value.slice(0, use.index) + suggestion + value.slice(use.index + use.text.length),
              ),
            ],
          }
        : undefined;
    switch (use.problem.kind) {
      case 'ok':
        break;
      case 'groups':
        out.push(
          report(
            'mapping-groups-variable',
            '${user:groups} works but is not documented by AWS, and it yields group IDs, not group names.',
            { span },
          ),
        );
        break;
      case 'other-feature':
        out.push(
          report(
            'mapping-other-feature-variable',
            `\${${use.problem.namespace}:…} variables belong to ${use.problem.namespace === 'path' ? 'attributes for access control' : 'Active Directory sync'}, not to application attribute mappings; use a \${user:…} variable.`,
            { span },
          ),
        );
        break;
      case 'unknown':
        out.push(
          report(
            'mapping-unknown-variable',
            `\${user:${use.problem.name}} is not an IAM Identity Center variable.` +
              (use.problem.suggestion
                ? ` Did you mean ${use.problem.suggestion}?`
                : ' Supported: ${user:email}, ${user:subject}, ${user:name}, ${user:givenName}, …'),
            { span, fix: fixFor(use.problem.suggestion) },
          ),
        );
        break;
      case 'malformed':
        out.push(
          report(
            'mapping-malformed-variable',
            `"${use.text}" is not a well-formed variable; variables are written \${user:name}.` +
              (use.problem.suggestion ? ` Did you mean ${use.problem.suggestion}?` : ''),
            { span, fix: fixFor(use.problem.suggestion) },
          ),
        );
        break;
    }
  }
  return out;
}

function lintRequiredValue(
  name: (typeof REQUIRED_ATTRIBUTES)[number],
  valueNode: Node,
  value: string,
  recommended: AttributeMapping,
  out: Finding[],
): void {
  if (name === 'roles') {
    if (!(KNOWN_ROLES as readonly string[]).includes(value)) {
      out.push(
        report(
          'mapping-roles-unknown',
          `"${value}" is not a known Frontline role; the known role is "agent". Users without a role Frontline knows cannot sign in.`,
          {
            span: spanOf(valueNode),
            fix: replaceFix('Use "agent"', valueNode, 'agent', false),
          },
        ),
      );
    }
    return;
  }
  if (value !== recommended.value) {
    out.push(
      report(
        `mapping-${lowerCase(name)}-value`,
        `Frontline identifies users by email: map "${name}" to ${recommended.value}, not "${value}".`,
        {
          span: spanOf(valueNode),
          fix: replaceFix(`Map to ${recommended.value}`, valueNode, recommended.value),
        },
      ),
    );
  }
}

function lintFormat(
  name: string,
  formatNode: Node,
  format: string,
  text: string,
  out: Finding[],
  expected?: ProviderMappingExpectations,
): void {
  const span = innerSpan(formatNode, text);
  if (name === 'Subject') {
    const canonical = canonicalFormat(format, SUBJECT_FORMATS);
    const accepted = expected?.nameIdFormats;
    if (canonical === format && expected) {
      if (accepted && !accepted.includes(format)) {
        const target = accepted[0] as string;
        out.push(
          providerRules.report(
            'provider-nameid-format',
            `${expected.name} accepts the NameID format ${accepted.map((f) => `"${f}"`).join(' or ')}, not "${format}": set the Subject mapping's format to "${target}".`,
            { span, fix: replaceFix(`Use "${target}"`, formatNode, target) },
          ),
        );
      }
    } else if (canonical !== format) {
      const target = canonical ?? 'emailAddress';
      out.push(
        report(
          'mapping-invalid-format',
          `"${format}" is not a Subject format in IAM Identity Center (${SUBJECT_FORMATS.join(', ')}). Use "${target}".`,
          { span, fix: replaceFix(`Use "${target}"`, formatNode, target) },
        ),
      );
    } else if (format !== 'emailAddress') {
      out.push(
        report(
          'mapping-subject-format',
          `The Frontline guide maps Subject with the format "emailAddress"; "${format}" is not what it recommends.`,
          { span, fix: replaceFix('Use "emailAddress"', formatNode, 'emailAddress', false) },
        ),
      );
    }
    return;
  }
  const canonical = canonicalFormat(format, ATTRIBUTE_FORMATS);
  if (canonical === format) return;
  if (canonical) {
    out.push(
      report('mapping-invalid-format', `Formats are case-sensitive: use "${canonical}", not "${format}".`, {
        span,
        fix: replaceFix(`Use "${canonical}"`, formatNode, canonical),
      }),
    );
    return;
  }
  out.push(
    report(
      'mapping-format-not-verified',
      `"${format}" is not a format known for application attributes (${ATTRIBUTE_FORMATS.join(', ')}); not verified. The guide uses "unspecified".`,
      { span, fix: replaceFix('Use "unspecified"', formatNode, 'unspecified', false) },
    ),
  );
}

/** The row a provider expects for an attribute (Subject is the NameID). */
function expectedRow(expected: ProviderMappingExpectations, name: string): AttributeMapping | undefined {
  if (name === 'Subject') return expected.subject;
  const attribute = expected.attributes.find((a) => a.name === name);
  return attribute ? { attribute: name, value: attribute.suggestedValue ?? '', format: attribute.format } : undefined;
}

/** An attribute the provider does not read: a warning, with the closest name when it looks like a typo. */
function lintKnownAttribute(
  expected: ProviderMappingExpectations,
  attribute: string,
  attributeNode: Node,
  text: string,
  out: Finding[],
  suggest: boolean,
): void {
  // A provider that lists no attributes documents none: any attribute may be right.
  if (attribute === 'Subject' || expected.attributes.length === 0) return;
  const names = expected.attributes.map((a) => a.name);
  if (names.includes(attribute)) return;
  // Suggestions only where they can be shown (see capFindings), and a long name is no typo of a short one.
  const suggestion = suggest && attribute.length <= 64 ? closest(attribute, names, 3) : undefined;
  out.push(
    providerRules.report(
      'provider-attribute-unknown',
      `${expected.name} does not read an attribute "${excerpt(attribute)}"` +
        (suggestion ? `; did you mean "${suggestion}"? Names are case-sensitive.` : `; it reads ${names.join(', ')}.`),
      {
        span: innerSpan(attributeNode, text),
        fix: suggestion ? replaceFix(`Rename to "${suggestion}"`, attributeNode, suggestion) : undefined,
      },
    ),
  );
}

/** A literal value of an attribute whose allowed values the provider documents (such as Flex's roles). */
function lintAllowedValue(
  expected: ProviderMappingExpectations,
  name: string,
  valueNode: Node,
  value: string,
  text: string,
  out: Finding[],
): void {
  const attribute = expected.attributes.find((a) => a.name === name);
  if (!attribute?.allowedValues || value.includes('${')) return;
  const allowed = attribute.allowedValues;
  const values = attribute.multiple ? value.split(',').map((v) => v.trim()) : [value];
  const wrong = values.filter((v) => !allowed.includes(v));
  if (wrong.length === 0) return;
  out.push(
    providerRules.report(
      'provider-attribute-value',
      `${expected.name} does not accept ${wrong.map((v) => `"${excerpt(v)}"`).join(', ')} for "${name}"; allowed: ${allowed.join(', ')}.`,
      { span: innerSpan(valueNode, text) },
    ),
  );
}

/** The rows a provider requires (and its Subject, the NameID), with a quick fix that adds the suggested row. */
function lintRequiredRows(
  expected: ProviderMappingExpectations,
  array: Node,
  text: string,
  anchor: Node,
  present: ReadonlySet<string>,
  out: Finding[],
): void {
  const rows = [
    ...(expected.subject ? [expected.subject] : []),
    ...expected.attributes
      .filter((a) => a.required)
      .map((a) => ({ attribute: a.name, value: a.suggestedValue ?? '', format: a.format })),
  ];
  for (const row of rows) {
    if (present.has(row.attribute)) continue;
    out.push(
      providerRules.report(
        'provider-attribute-missing',
        `The "${row.attribute}" mapping is missing; ${expected.name} needs it. Add ${row.attribute} → ${row.value || '(a value)'} (${row.format}).`,
        {
          span: spanOf(anchor),
          fix: {
            title: `Add the "${row.attribute}" mapping`,
            edits: [appendMappingEdit(array, text, row)],
            preferred: true,
          },
        },
      ),
    );
  }
}
