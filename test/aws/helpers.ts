import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EMULATOR_ENV } from '../../tools/emulator/server';
import { AwsProblem, AwsProblemError } from '../../src/aws/errors';

const ROOT = join(__dirname, '..', '..', '..');

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

/** Runs the shipped CLI in its own process. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...EMULATOR_ENV, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
