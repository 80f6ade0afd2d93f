/**
 * The format of a provider definition, as data: one description that both checks a user's `*.sso-provider.json`
 * (validateProviderFile) and makes schemas/sso-provider.schema.json (scripts/generate.mjs), so the two cannot
 * disagree. A provider file is untrusted input: its size, depth, lengths and counts are bounded, its patterns must
 * compile to the linear-time matcher of pattern.ts, and it holds no code (plain JSON values only).
 */
import {
  JSONPath,
  Node,
  ParseError,
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { closest } from '../common/text';
import { Finding } from '../common/findings';
import { ProviderFileCode, providerFile } from '../lint/rules/providerFile';
import { compilePattern, matchesPattern } from './pattern';
import { parseTemplate, templateParams } from './template';
import { ProviderDefinition } from './types';

/** Largest provider file read (a definition is a few kilobytes). */
export const MAX_PROVIDER_FILE_BYTES = 64 * 1024;

export type FieldSpec =
  | { type: 'string'; description: string; maxLength: number; pattern?: string; enum?: readonly string[] }
  | { type: 'boolean'; description: string }
  | { type: 'array'; description: string; items: FieldSpec; maxItems: number }
  | { type: 'object'; description: string; properties: Record<string, FieldSpec>; required: readonly string[] };

const text = (description: string, maxLength = 1024, pattern?: string): FieldSpec => ({
  type: 'string',
  description,
  maxLength,
  ...(pattern ? { pattern } : {}),
});
const HTTPS_URL = '^https://[!-~]+$';
const PARAM_KEY = '^[A-Za-z][A-Za-z0-9_]{0,63}$';

export const PROVIDER_FORMAT: FieldSpec = {
  type: 'object',
  description: 'A SAML service provider: what it expects from IAM Identity Center.',
  required: ['id', 'vendor', 'product', 'status', 'docs', 'params', 'acsUrl', 'audience', 'attributes', 'sources'],
  properties: {
    $schema: text('The JSON schema of this file.', 512),
    id: text(
      'The provider id, used as `serviceProvider.id` and `--provider`: lower-case letters, digits and "-". Must not be a built-in id.',
      63,
      '^[a-z0-9][a-z0-9-]{0,62}$',
    ),
    vendor: text('Who makes the application, e.g. "Acme".', 100),
    product: text('The application, e.g. "Acme Cloud".', 100),
    status: {
      type: 'string',
      description: '`current`, `legacy` (works, no longer offered) or `deprecated` (to be moved away from).',
      maxLength: 10,
      enum: ['current', 'legacy', 'deprecated'],
    },
    statusDetails: {
      type: 'object',
      description: 'Why the provider is legacy or deprecated, and what replaces it.',
      required: ['message'],
      properties: {
        replacement: text('The provider id to move to.', 63, '^[a-z0-9][a-z0-9-]{0,62}$'),
        date: text('The end date the vendor gives: YYYY-MM-DD or YYYY-MM.', 10, '^\\d{4}-\\d{2}(-\\d{2})?$'),
        message: text('What the user should do, in one or two sentences.', 500),
        guide: text("The vendor's migration guide (https URL).", 2048, HTTPS_URL),
      },
    },
    docs: {
      type: 'array',
      description: "Public documentation of the provider's SAML setup (https URLs).",
      items: text('A documentation URL.', 2048, HTTPS_URL),
      maxItems: 20,
    },
    params: {
      type: 'array',
      description: "Values the admin copies from the provider's console, used in the templates as `{key}`.",
      maxItems: 20,
      items: {
        type: 'object',
        description: 'One param.',
        required: ['key', 'label', 'pattern', 'example', 'where'],
        properties: {
          key: text('The key in `serviceProvider.params` and `--param KEY=VALUE`.', 64, PARAM_KEY),
          label: text('The name the provider\'s console uses, e.g. "Connection ID".', 100),
          pattern: text(
            'The allowed form, matched against the whole value: characters, classes like [a-z0-9-], and ?, *, +, {n}, {n,m}. No groups, alternation or "." (the matcher runs in linear time).',
            256,
          ),
          example: text('A value of the right form (it must match the pattern).', 2048),
          where: text("Where to find the value in the provider's console.", 500),
          default: text('The value used when the param is not given (it must match the pattern).', 2048),
        },
      },
    },
    acsUrl: text('The ACS URL: literal text with `{param}` placeholders.', 1024),
    audience: text('The SAML audience (SP entity ID): literal text with `{param}` placeholders.', 1024),
    binding: {
      type: 'string',
      description: 'The SAML binding of the ACS URL.',
      maxLength: 13,
      enum: ['HTTP-POST', 'HTTP-Redirect'],
    },
    nameId: {
      type: 'object',
      description: 'The NameID (the Subject mapping in IAM Identity Center).',
      required: ['formats', 'source'],
      properties: {
        formats: {
          type: 'array',
          description: 'Accepted formats, the preferred first.',
          maxItems: 4,
          items: {
            type: 'string',
            description: 'A NameID format as IAM Identity Center names it.',
            maxLength: 12,
            enum: ['unspecified', 'emailAddress', 'persistent', 'transient'],
          },
        },
        source: text('The suggested Identity Center value, e.g. ${user:email}.', 256),
      },
    },
    attributes: {
      type: 'array',
      description: 'The attributes the provider reads from the assertion.',
      maxItems: 50,
      items: {
        type: 'object',
        description: 'One attribute.',
        required: ['name', 'required', 'format'],
        properties: {
          name: text('The attribute name, exactly as the provider reads it.', 256),
          required: { type: 'boolean', description: 'Whether the provider refuses a response without it.' },
          allowedValues: {
            type: 'array',
            description: 'The only values the provider accepts.',
            maxItems: 50,
            items: text('An accepted value.', 256),
          },
          multiple: { type: 'boolean', description: 'Whether the attribute may carry several values.' },
          suggestedValue: text('The value to type into IAM Identity Center, e.g. ${user:email} or a literal.', 256),
          format: text('The format column of the Identity Center mapping, e.g. unspecified.', 64),
        },
      },
    },
    userNeeds: {
      type: 'array',
      description: 'What each signing-in user needs for a claim beyond a value (the readiness check).',
      maxItems: 50,
      items: {
        type: 'object',
        description: 'One claim.',
        required: ['claim', 'value'],
        properties: {
          claim: text("An attribute's name, or Subject for the NameID.", 256),
          value: {
            type: 'string',
            description: 'email: an email address; persistent: an identifier that stays the same for the user.',
            maxLength: 10,
            enum: ['email', 'persistent'],
          },
          identifiesUser: {
            type: 'boolean',
            description: 'Whether two users with the same value are one account to the provider.',
          },
        },
      },
    },
    signing: {
      type: 'object',
      description: 'What the provider needs signed.',
      required: [],
      properties: {
        response: { type: 'boolean', description: 'The Response must be signed.' },
        assertion: { type: 'boolean', description: 'The Assertion must be signed.' },
        algorithm: {
          type: 'string',
          description: 'The signature algorithm.',
          maxLength: 7,
          enum: ['SHA-256', 'SHA-1'],
        },
        encryptedAssertionRefused: { type: 'boolean', description: 'The provider refuses encrypted assertions.' },
        unsignedResponseError: text(
          "The provider's own error text for an unsigned response, quoted by the SAML check.",
          200,
        ),
      },
    },
    oldForms: {
      type: 'array',
      description: 'Older URL forms of the provider, recognised and reported.',
      maxItems: 10,
      items: {
        type: 'object',
        description: 'One older URL form.',
        required: ['template', 'message'],
        properties: {
          template: text('The older URL, with `{param}` placeholders.', 1024),
          message: text('What to tell a user who still uses it.', 500),
        },
      },
    },
    sources: {
      type: 'array',
      description: 'A public source for each fact.',
      maxItems: 100,
      items: {
        type: 'object',
        description: 'One source.',
        required: ['fact', 'url'],
        properties: {
          fact: text(
            'Which fact: acsUrl, audience, nameId, attributes, signing, status, binding or params.<key>.',
            128,
          ),
          url: text('The public page (https URL).', 2048, HTTPS_URL),
          note: text('What the page says, in a few words.', 500),
        },
      },
    },
    unsourced: {
      type: 'array',
      description: 'Facts left out because no public source states them.',
      maxItems: 20,
      items: text('One fact left out.', 500),
    },
  },
};

/** A JSON schema (draft-07) for provider files, made from PROVIDER_FORMAT. */
export function providerSchema(): Record<string, unknown> {
  const convert = (spec: FieldSpec): Record<string, unknown> => {
    switch (spec.type) {
      case 'string':
        return {
          type: 'string',
          markdownDescription: spec.description,
          maxLength: spec.maxLength,
          ...(spec.pattern ? { pattern: spec.pattern } : {}),
          ...(spec.enum ? { enum: [...spec.enum] } : {}),
        };
      case 'boolean':
        return { type: 'boolean', markdownDescription: spec.description };
      case 'array':
        return {
          type: 'array',
          markdownDescription: spec.description,
          maxItems: spec.maxItems,
          items: convert(spec.items),
        };
      case 'object':
        return {
          type: 'object',
          markdownDescription: spec.description,
          ...(spec.required.length > 0 ? { required: [...spec.required] } : {}),
          additionalProperties: false,
          properties: Object.fromEntries(Object.entries(spec.properties).map(([k, v]) => [k, convert(v)])),
        };
    }
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'sso-provider.schema.json',
    title: 'SAML service provider definition (Frontline SSO)',
    allowComments: true,
    allowTrailingCommas: true,
    ...convert(PROVIDER_FORMAT),
  };
}

export interface ProviderFileResult {
  /** The definition, when the file has no error. */
  definition?: ProviderDefinition;
  /**
   * The id the file declares, when it is a string even if the file has other errors: so that a config naming a broken
   * provider can be told which file is broken. With its span, for findings on the id.
   */
  id?: { value: string; span: { offset: number; length: number } };
  findings: Finding[];
}

const MAX_DEPTH = 8;

function spanOf(node: Node | undefined) {
  return node ? { offset: node.offset, length: node.length } : undefined;
}

/** A quick fix that replaces a JSON string (a value or a key) with another. */
function replaceFix(node: Node, replacement: string) {
  return {
    title: `Replace with "${replacement}"`,
    edits: [{ offset: node.offset, length: node.length, newText: JSON.stringify(replacement) }],
    preferred: true,
  };
}

/** Checks one JSON node against its spec; reports with the node's path and span. */
function checkNode(node: Node, spec: FieldSpec, path: string, depth: number, findings: Finding[]): void {
  const at = (code: ProviderFileCode, message: string, target: Node = node): void => {
    findings.push(providerFile.report(code, `${path || 'The file'}: ${message}`, { span: spanOf(target) }));
  };
  if (depth > MAX_DEPTH) return at('provider-file-too-deep', `nested deeper than ${MAX_DEPTH} levels.`);
  switch (spec.type) {
    case 'string': {
      if (node.type !== 'string') return at('provider-file-type', `must be a string.`);
      const value = node.value as string;
      if (value.length > spec.maxLength)
        return at('provider-file-too-long', `has ${value.length} characters; at most ${spec.maxLength}.`);
      if (spec.enum && !spec.enum.includes(value)) {
        const near = closest(
          value.slice(0, 40).toLowerCase(),
          spec.enum.map((e) => e.toLowerCase()),
          2,
        );
        const replacement = spec.enum.find((e) => e.toLowerCase() === near);
        findings.push(
          providerFile.report(
            'provider-file-value',
            `${path}: "${value.slice(0, 40)}" is not one of ${spec.enum.join(', ')}.${replacement ? ` Did you mean "${replacement}"?` : ''}`,
            {
              span: spanOf(node),
              fix: replacement ? replaceFix(node, replacement) : undefined,
            },
          ),
        );
        return;
      }
      // These are this module's own fixed expressions (not the file's), on values already capped above.
      if (spec.pattern && !new RegExp(spec.pattern).test(value))
        return at('provider-file-value', `"${value.slice(0, 60)}" does not have the form ${spec.pattern}.`);
      return;
    }
    case 'boolean':
      if (node.type !== 'boolean') at('provider-file-type', 'must be true or false.');
      return;
    case 'array': {
      if (node.type !== 'array') return at('provider-file-type', 'must be an array.');
      const items = node.children ?? [];
      if (items.length > spec.maxItems)
        return at('provider-file-too-many', `has ${items.length} entries; at most ${spec.maxItems}.`);
      items.forEach((item, i) => checkNode(item, spec.items, `${path}[${i}]`, depth + 1, findings));
      return;
    }
    case 'object': {
      if (node.type !== 'object') return at('provider-file-type', 'must be an object.');
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = keyNode.value as string;
        const child = path ? `${path}.${key}` : key;
        if (seen.has(key)) at('provider-file-duplicate-key', `"${key}" appears twice.`, keyNode);
        seen.add(key);
        const childSpec = Object.prototype.hasOwnProperty.call(spec.properties, key) ? spec.properties[key] : undefined;
        if (!childSpec) {
          const known = Object.keys(spec.properties);
          const near = key.length <= 64 ? closest(key, known, 3) : undefined;
          findings.push(
            providerFile.report(
              'provider-file-unknown-property',
              near
                ? `${child.slice(0, 100)}: not a property of a provider definition; did you mean "${near}"?`
                : `${child.slice(0, 100)}: not a property of a provider definition (known: ${known.join(', ')}).`,
              { span: spanOf(keyNode), fix: near && !seen.has(near) ? replaceFix(keyNode, near) : undefined },
            ),
          );
          continue;
        }
        checkNode(valueNode, childSpec, child, depth + 1, findings);
      }
      for (const key of spec.required)
        if (!seen.has(key))
          at('provider-file-missing', `"${key}" is required (${(spec.properties[key] as FieldSpec).description})`);
      return;
    }
  }
}

/** Checks what the shape alone cannot: patterns, templates, examples, ids. Only run on a well-shaped definition. */
function checkMeaning(
  definition: ProviderDefinition,
  root: Node,
  builtinIds: readonly string[],
  findings: Finding[],
): void {
  // Each finding points at the value it is about (the key of a duplicated param, the pattern, the template …).
  const err = (code: ProviderFileCode, message: string, path: JSONPath): void => {
    findings.push(providerFile.report(code, message, { span: spanOf(findNodeAtLocation(root, path) ?? root) }));
  };
  if (builtinIds.includes(definition.id))
    err(
      'provider-file-id-builtin',
      `id: "${definition.id}" is a built-in provider, and a provider file may not replace one; give your provider another id (such as "${definition.id}-own"), or use the built-in one and delete this file.`,
      ['id'],
    );
  const keys = definition.params.map((p) => p.key);
  definition.params.forEach((param, i) => {
    if (keys.indexOf(param.key) !== i)
      err('provider-file-param-duplicate', `params[${i}].key: "${param.key}" appears twice.`, ['params', i, 'key']);
    const compiled = compilePattern(param.pattern);
    if (!compiled.ok)
      return err('provider-file-pattern', `params[${i}].pattern: ${compiled.message}.`, ['params', i, 'pattern']);
    for (const field of ['example', 'default'] as const) {
      const value = param[field];
      if (value === undefined) continue;
      if (!matchesPattern(compiled.pattern, value))
        err(
          'provider-file-example',
          `params[${i}].${field}: "${value.slice(0, 60)}" does not match the pattern ${param.pattern}.`,
          ['params', i, field],
        );
    }
  });
  const used = new Set<string>();
  const template = (path: JSONPath, value: string): void => {
    const r = parseTemplate(value, keys);
    if (!r.ok)
      return err('provider-file-template', `${path.join('.').replace(/\.(\d+)/g, '[$1]')}: ${r.message}.`, path);
    templateParams(r.parts).forEach((k) => used.add(k));
  };
  template(['acsUrl'], definition.acsUrl);
  template(['audience'], definition.audience);
  (definition.oldForms ?? []).forEach((f, i) => template(['oldForms', i, 'template'], f.template));
  keys.forEach((key, i) => {
    if (!used.has(key))
      findings.push(
        providerFile.report('provider-file-param-unused', `params: "${key}" is used by no template.`, {
          span: spanOf(findNodeAtLocation(root, ['params', i, 'key']) ?? root),
        }),
      );
  });
  if (definition.status === 'deprecated' && !definition.statusDetails)
    err('provider-file-status', 'statusDetails: a deprecated provider needs a message saying what to move to.', [
      'status',
    ]);
}

/**
 * Reads and checks a provider file's text. Findings carry spans into the text (for diagnostics on the file);
 * `definition` is set only when there is no error.
 */
export function validateProviderFile(textInput: string, builtinIds: readonly string[] = []): ProviderFileResult {
  // Characters never outnumber UTF-8 bytes, so a long text is refused before it is encoded.
  const size =
    textInput.length > MAX_PROVIDER_FILE_BYTES ? textInput.length : new TextEncoder().encode(textInput).length;
  if (size > MAX_PROVIDER_FILE_BYTES)
    return {
      findings: [
        providerFile.report(
          'provider-file-too-large',
          `The provider file is ${size.toLocaleString('en-US')} bytes; at most ${MAX_PROVIDER_FILE_BYTES.toLocaleString('en-US')}. A definition is a few kilobytes: is this the right file?`,
        ),
      ],
    };
  const errors: ParseError[] = [];
  const root = parseTree(textInput, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    return {
      findings: [
        providerFile.report(
          'provider-file-syntax',
          first
            ? `The provider file is not valid JSON: ${printParseErrorCode(first.error)} at character ${first.offset + 1}.`
            : 'The provider file is empty: it needs a JSON object (see schemas/sso-provider.schema.json).',
          first ? { span: { offset: first.offset, length: first.length } } : {},
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  checkNode(root, PROVIDER_FORMAT, '', 0, findings);
  const idNode = root.type === 'object' ? findNodeAtLocation(root, ['id']) : undefined;
  const id =
    idNode?.type === 'string' && (idNode.value as string).length <= 63
      ? { value: idNode.value as string, span: { offset: idNode.offset, length: idNode.length } }
      : undefined;
  if (findings.some((f) => f.severity === 'error')) return { id, findings };
  const value = getNodeValue(root) as ProviderDefinition & { $schema?: string };
  const definition = Object.fromEntries(
    Object.entries(value).filter(
      ([k]) => k !== '$schema' && k in (PROVIDER_FORMAT as { properties: object }).properties,
    ),
  ) as unknown as ProviderDefinition;
  checkMeaning(definition, root, builtinIds, findings);
  return findings.some((f) => f.severity === 'error') ? { id, findings } : { definition, id, findings };
}
