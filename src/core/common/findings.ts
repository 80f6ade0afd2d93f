/** Structured results shared by every consumer of src/core (diagnostics, tree, form, CLI). */
export type Severity = 'error' | 'warning' | 'info';

/** A span of the checked text, as character offsets (0-based). */
export interface TextSpan {
  offset: number;
  length: number;
}

export interface TextEdit extends TextSpan {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply when a user asks for "the" fix (VS Code's isPreferred). */
  preferred?: boolean;
}

export interface RelatedInfo {
  message: string;
  span: TextSpan;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  span?: TextSpan;
  fix?: Fix;
  related?: RelatedInfo[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function finding(code: string, severity: Severity, message: string, extra: Partial<Finding> = {}): Finding {
  return { code, severity, message, ...extra };
}

/** Findings as the CLI prints them in --json: `{code, severity, message}` only. */
export function plainFindings(findings: readonly Finding[]): Array<Pick<Finding, 'code' | 'severity' | 'message'>> {
  return findings.map(({ code, severity, message }) => ({ code, severity, message }));
}

/** Thrown when an input cannot be read at all (CLI exit status 2). The message is one line for the user. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * InputError test that also works across bundles: the lazily loaded parts (dist/saml.js, dist/aws.js) carry their
 * own copy of the class, so `instanceof` would miss their errors.
 */
export function isInputError(err: unknown): err is InputError {
  return err instanceof Error && err.name === 'InputError';
}
