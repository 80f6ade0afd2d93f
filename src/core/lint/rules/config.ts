import { CONFIG_KEYS } from '../../config/format';
import { Finding, TextSpan } from '../../common/findings';
import { closest, excerpt } from '../../common/text';
import { Node, child, replaceValueEdit, spanOf, stringValue } from '../jsonNodes';
import { defineRules } from './define';
import { MAX_FINDINGS } from './json';

/** Config: the shape of a config file, and the Frontline Workspace ID; checked in ../index. */
export const config = defineRules('Config', {
  'config-not-object': {
    severity: 'error',
    title: 'The config is not a JSON object.',
    why: 'A config file holds one object with realmSid, identityProvider and attributeMappings.',
    fix: 'Wrap the content in { … }, or run "Frontline SSO: New Config File".',
    fixable: false,
    example: '[ "JB0123…" ]',
  },
  'config-type': {
    severity: 'error',
    title: 'A property has the wrong type (a string, object or array where another is expected).',
    why: 'The value cannot be used as written; Frontline would get nothing or the wrong thing.',
    fix: 'Use the type the message names (see the config format in docs/configuration.md).',
    fixable: false,
    example: '{ "serviceProvider": "https://iam.twilio.com/…" }',
  },
  'config-unknown-property': {
    severity: 'warning',
    title: 'A property the config format does not have, often a misspelling.',
    why: 'A misspelt property is ignored, so the value you meant to set is missing.',
    fix: 'Rename it to the suggested property, or remove it.',
    fixable: true,
    example: '{ "identityProvider": { "isuer": "https://portal.sso…" } }',
  },
  'workspace-id-missing': {
    severity: 'warning',
    title: 'No "workspaceId".',
    why: 'Users type the Workspace ID in the Frontline app to reach this sign-in; it is set on the Frontline Console.',
    fix: 'Add "workspaceId" with the value set on the Frontline Console SSO page.',
    fixable: false,
  },
  'workspace-id-empty': {
    severity: 'error',
    title: 'The Workspace ID is empty.',
    why: 'Users cannot reach the sign-in without it.',
    fix: 'Set the Workspace ID chosen on the Frontline Console SSO page.',
    fixable: false,
  },
});

export function lintUnknownKeys(node: Node, section: string, out: Finding[]): void {
  const allowed = CONFIG_KEYS[section] ?? [];
  let unknown = 0;
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0];
    const name = key?.value as string | undefined;
    if (!key || name === undefined || allowed.includes(name)) continue;
    // Suggestions only where they can be shown (see capFindings), and a long name is no typo of a short one.
    const suggestion = ++unknown <= MAX_FINDINGS && name.length <= 64 ? closest(name, allowed, 3) : undefined;
    out.push(
      config.report(
        'config-unknown-property',
        `"${excerpt(name)}" is not a property of ${section || 'the config'}.` +
          (suggestion ? ` Did you mean "${suggestion}"?` : ` Known: ${allowed.join(', ')}.`),
        {
          span: spanOf(key),
          fix: suggestion
            ? { title: `Rename to "${suggestion}"`, edits: [replaceValueEdit(key, suggestion)], preferred: true }
            : undefined,
        },
      ),
    );
  }
}

export function stringProperty(parent: Node, key: string, out: Finding[]): { node: Node; value: string } | undefined {
  const node = child(parent, key);
  if (!node) return undefined;
  const value = stringValue(node);
  if (value === undefined) {
    out.push(config.report('config-type', `"${key}" must be a string.`, { span: spanOf(node) }));
    return undefined;
  }
  return { node, value };
}

/** An optional section of the config: absent is fine, anything but an object is a `config-type` error. */
export function objectSection(root: Node, key: string, out: Finding[]): Node | undefined {
  const node = child(root, key);
  if (!node) return undefined;
  if (node.type === 'object') return node;
  out.push(
    config.report('config-type', `"${key}" must be an object { … }, not ${describeJsonType(node)}.`, {
      span: spanOf(node),
    }),
  );
  return undefined;
}

function describeJsonType(node: Node): string {
  if (node.type === 'null') return 'null';
  if (node.type === 'array') return 'an array';
  return `a ${node.type}`;
}

/** Start of an object, for findings about something missing from it. */
export function startOf(node: Node): TextSpan {
  return { offset: node.offset, length: 1 };
}
