import assert from 'node:assert/strict';
import { AwsProblem, AwsProblemError } from '../../src/aws/errors';

/** Runs `call`, which must fail with an AwsProblemError, and returns the problem and how long it took. */
export async function failure(call: () => Promise<unknown>): Promise<AwsProblem & { ms: number }> {
  const started = performance.now();
  try {
    await call();
  } catch (err) {
    assert.ok(err instanceof AwsProblemError, `an AwsProblemError, not ${String(err)}`);
    return { ...err.problem, ms: performance.now() - started };
  }
  assert.fail('expected a failure');
}
