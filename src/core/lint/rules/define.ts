import { Finding, Severity, finding } from '../../common/findings';

/**
 * A rule's `meta`, as ESLint keeps it: its code, default severity, what it catches, why it matters, whether a quick fix
 * exists and how to fix it by hand. `npm run generate` makes docs/rules.md, the rule table of docs/configuration.md and
 * the settings schema's list of codes from it.
 */
export interface RuleMeta<Code extends string = string> {
  code: Code;
  severity: Severity;
  group: RuleGroup;
  /** What it catches, in one line. */
  title: string;
  /** Why it matters: what goes wrong at sign-in. */
  why: string;
  /** How to fix it by hand; the quick fix, when there is one, does it for you. */
  fix: string;
  /** Whether a quick fix (💡) is offered. */
  fixable: boolean;
  /** A config or mapping fragment that has the problem. */
  example?: string;
}

/** The heading a rule is documented under in docs/rules.md: one per rule family. */
export type RuleGroup =
  | 'JSON'
  | 'Config'
  | 'Realm SID'
  | 'Service provider values'
  | 'Identity provider URLs'
  | 'Certificate'
  | 'Metadata file'
  | 'Attribute mappings'
  | 'Application'
  | 'Live metadata'
  | 'Service provider'
  | 'Provider file';

/** A rule's meta without its code (the key it is declared under) and group (its family's). */
export type RuleInfo = Omit<RuleMeta, 'code' | 'group'>;

export interface RuleFamily<Code extends string> {
  /** The family's rules, in documentation order (the order they are declared in). */
  rules: ReadonlyArray<RuleMeta<Code>>;
  /** A finding of one of the family's rules, with the rule's default severity; the code is checked by `tsc`. */
  report(code: Code, message: string, extra?: Partial<Finding>): Finding;
}

/**
 * Declares a family of rules: its codes are the keys of `rules`, so they form a union type and a finding with a
 * misspelt code does not compile.
 */
export function defineRules<Code extends string>(group: RuleGroup, rules: Record<Code, RuleInfo>): RuleFamily<Code> {
  const list = (Object.entries(rules) as Array<[Code, RuleInfo]>).map(([code, info]) => ({ code, group, ...info }));
  const byCode = new Map<string, RuleMeta<Code>>(list.map((rule) => [rule.code, rule]));
  return {
    rules: list,
    report(code, message, extra = {}) {
      const rule = byCode.get(code);
      // Only reachable by a cast past the type check: a bug for the tests to catch, not something to show a user.
      if (!rule) throw new Error(`Unregistered rule code "${code}" (declare it in its family in src/core/lint/rules)`);
      return finding(code, rule.severity, message, extra);
    },
  };
}
