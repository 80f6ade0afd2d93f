// A small assert for the web-worker suite: Node's `assert` is not there, and each failure says what was expected.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function ok(value: unknown, message = `expected a truthy value, got ${String(value)}`): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(message ?? `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text)) throw new AssertionError(message ?? `expected ${pattern} to match: ${text.slice(0, 2000)}`);
}

export function doesNotMatch(text: string, pattern: RegExp, message?: string): void {
  if (pattern.test(text))
    throw new AssertionError(message ?? `expected ${pattern} not to match: ${text.slice(0, 2000)}`);
}

export function includes<T>(list: readonly T[], item: T, message?: string): void {
  if (!list.includes(item)) {
    throw new AssertionError(message ?? `expected ${JSON.stringify(item)} among ${JSON.stringify(list)}`);
  }
}
