import { Finding, Fix, TextEdit } from '../../findings';
import { ruleFinding } from './index';
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
 * Lints an attribute-mapping array: the Subject/email/roles rows Frontline needs, variables, formats and duplicates.
 * `anchor` is where "missing" findings point (the property key or the array).
 */
export function lintMappings(array: Node, text: string, anchor: Node, out: Finding[]): void {
  const seen = new Map<string, Node>();
  const present = new Set<string>();
  const caseVariants = new Set<string>();
  (array.children ?? []).forEach((element, index) => {
    if (element.type !== 'object') {
      out.push(
        ruleFinding(
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
        ruleFinding(
          'mapping-attribute-missing',
          'This mapping has no "attribute" (the user attribute name in the application, such as email).',
          { span: spanOf(element) },
        ),
      );
      return;
    }
    const required = REQUIRED_ATTRIBUTES.find((r) => r.toLowerCase() === attribute.toLowerCase());
    let name = attribute;
    if (required && required !== attribute) {
      caseVariants.add(required);
      name = required;
      out.push(
        ruleFinding(
          'mapping-name-case',
          `Attribute names are case-sensitive: Frontline looks for "${required}", not "${attribute}".`,
          { span: innerSpan(attributeNode, text), fix: replaceFix(`Rename to "${required}"`, attributeNode, required) },
        ),
      );
    }
    const first = seen.get(attribute);
    if (first) {
      out.push(
        ruleFinding(
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
    if (attribute === required) present.add(required);
    const recommended = RECOMMENDED_MAPPINGS.find((m) => m.attribute === name);
    const value = stringValue(valueNode);
    if (value === undefined || !valueNode) {
      out.push(
        ruleFinding(
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
      if (recommended && variableFindings.length === 0) lintRequiredValue(name, valueNode, value, recommended, out);
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
        ruleFinding('mapping-format-missing', `The "${attribute}" mapping has no "format".`, {
          span: spanOf(attributeNode),
          fix,
        }),
      );
    } else {
      lintFormat(name, formatNode, format, text, out);
    }
  });
  for (const required of REQUIRED_ATTRIBUTES) {
    if (present.has(required) || caseVariants.has(required)) continue;
    const mapping = RECOMMENDED_MAPPINGS.find((m) => m.attribute === required) as AttributeMapping;
    out.push(
      ruleFinding(
        `mapping-${required.toLowerCase()}-missing`,
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
          ruleFinding(
            'mapping-groups-variable',
            '${user:groups} works but is not documented by AWS, and it yields group IDs, not group names.',
            { span },
          ),
        );
        break;
      case 'other-feature':
        out.push(
          ruleFinding(
            'mapping-other-feature-variable',
            `\${${use.problem.namespace}:…} variables belong to ${use.problem.namespace === 'path' ? 'attributes for access control' : 'Active Directory sync'}, not to application attribute mappings; use a \${user:…} variable.`,
            { span },
          ),
        );
        break;
      case 'unknown':
        out.push(
          ruleFinding(
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
          ruleFinding(
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
  name: string,
  valueNode: Node,
  value: string,
  recommended: AttributeMapping,
  out: Finding[],
): void {
  if (name === 'roles') {
    if (!(KNOWN_ROLES as readonly string[]).includes(value)) {
      out.push(
        ruleFinding(
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
      ruleFinding(
        `mapping-${name.toLowerCase()}-value`,
        `Frontline identifies users by email: map "${name}" to ${recommended.value}, not "${value}".`,
        {
          span: spanOf(valueNode),
          fix: replaceFix(`Map to ${recommended.value}`, valueNode, recommended.value),
        },
      ),
    );
  }
}

function lintFormat(name: string, formatNode: Node, format: string, text: string, out: Finding[]): void {
  const span = innerSpan(formatNode, text);
  if (name === 'Subject') {
    const canonical = canonicalFormat(format, SUBJECT_FORMATS);
    if (canonical !== format) {
      const target = canonical ?? 'emailAddress';
      out.push(
        ruleFinding(
          'mapping-invalid-format',
          `"${format}" is not a Subject format in IAM Identity Center (${SUBJECT_FORMATS.join(', ')}). Use "${target}".`,
          { span, fix: replaceFix(`Use "${target}"`, formatNode, target) },
        ),
      );
    } else if (format !== 'emailAddress') {
      out.push(
        ruleFinding(
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
      ruleFinding('mapping-invalid-format', `Formats are case-sensitive: use "${canonical}", not "${format}".`, {
        span,
        fix: replaceFix(`Use "${canonical}"`, formatNode, canonical),
      }),
    );
    return;
  }
  out.push(
    ruleFinding(
      'mapping-format-not-verified',
      `"${format}" is not a format known for application attributes (${ATTRIBUTE_FORMATS.join(', ')}); not verified. The guide uses "unspecified".`,
      { span, fix: replaceFix('Use "unspecified"', formatNode, 'unspecified', false) },
    ),
  );
}
