import { closest } from '../common/text';

/** Attribute mappings facts (docs/domain.md §1 and §3). */
export interface AttributeMapping {
  attribute: string;
  value: string;
  format: string;
}

/** The guide's recommended mappings, in its order. */
export const RECOMMENDED_MAPPINGS: readonly AttributeMapping[] = [
  { attribute: 'Subject', value: '${user:email}', format: 'emailAddress' },
  { attribute: 'email', value: '${user:email}', format: 'unspecified' },
  { attribute: 'roles', value: 'agent', format: 'unspecified' },
];

export const REQUIRED_ATTRIBUTES = ['Subject', 'email', 'roles'] as const;
export const KNOWN_ROLES = ['agent'] as const;
export const SUBJECT_FORMATS = ['unspecified', 'emailAddress', 'persistent', 'transient'] as const;
/** Formats seen for other attributes; the console's full list is unconfirmed, so others are "not verified". */
export const ATTRIBUTE_FORMATS = ['unspecified', 'uri', 'basic'] as const;
export const USER_VARIABLES = [
  'AD_GUID',
  'email',
  'familyName',
  'givenName',
  'middleName',
  'name',
  'preferredUsername',
  'subject',
] as const;

export type VariableProblem =
  | { kind: 'ok'; name: string }
  | { kind: 'groups' }
  | { kind: 'other-feature'; namespace: 'path' | 'dir' }
  | { kind: 'unknown'; name: string; suggestion?: string }
  | { kind: 'malformed'; suggestion?: string };

export interface VariableUse {
  /** Offset of the variable inside the mapping value. */
  index: number;
  text: string;
  problem: VariableProblem;
}

// Names may be dotted: ${path:enterprise.department}.
const WELL_FORMED = /\$\{([A-Za-z]+):([A-Za-z_][A-Za-z0-9_.]*)\}/g;
// Things that were meant to be a variable: ${user.email}, ${user:email (no brace), $user:email}, {user:email}, ${ user:email }.
const NEAR_MISS =
  /\$?\{\s*(user|path|dir)\s*[.:=]\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}?|\$(user|path|dir)[.:]([A-Za-z_][A-Za-z0-9_]*)\}?/gi;

function userVariable(name: string): VariableProblem {
  if ((USER_VARIABLES as readonly string[]).includes(name)) return { kind: 'ok', name };
  if (name === 'groups') return { kind: 'groups' };
  const suggestion = closest(name, USER_VARIABLES, 4);
  return { kind: 'unknown', name, suggestion: suggestion && `\${user:${suggestion}}` };
}

/** Finds the variables in a mapping value and what is wrong with each. */
export function analyseMappingValue(value: string): VariableUse[] {
  const uses: VariableUse[] = [];
  const covered: Array<[number, number]> = [];
  for (const m of value.matchAll(WELL_FORMED)) {
    const [text, namespace, name] = m as unknown as [string, string, string];
    const index = m.index ?? 0;
    covered.push([index, index + text.length]);
    let problem: VariableProblem;
    if (namespace === 'user') problem = userVariable(name);
    else if (namespace === 'path' || namespace === 'dir') problem = { kind: 'other-feature', namespace };
    else {
      const ns = closest(namespace, ['user'], 2);
      problem = { kind: 'malformed', suggestion: ns ? `\${user:${name}}` : undefined };
    }
    uses.push({ index, text, problem });
  }
  for (const m of value.matchAll(NEAR_MISS)) {
    const index = m.index ?? 0;
    if (covered.some(([s, e]) => index >= s && index < e)) continue;
    const namespace = (m[1] ?? m[3] ?? 'user').toLowerCase();
    const name = (m[2] ?? m[4]) as string;
    const fixed = namespace === 'user' ? userVariable(name) : undefined;
    const suggestion =
      namespace !== 'user'
        ? undefined
        : fixed?.kind === 'ok'
          ? `\${user:${name}}`
          : fixed?.kind === 'unknown'
            ? fixed.suggestion
            : undefined;
    uses.push({ index, text: m[0], problem: { kind: 'malformed', suggestion } });
  }
  if (uses.length === 0 && value.includes('${')) {
    uses.push({ index: value.indexOf('${'), text: value.slice(value.indexOf('${')), problem: { kind: 'malformed' } });
  }
  return uses.sort((a, b) => a.index - b.index);
}
