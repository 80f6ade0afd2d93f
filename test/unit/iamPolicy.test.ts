import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { OPERATION_ACTION } from '../../src/aws/errors';

const ROOT = join(__dirname, '..', '..', '..');
const read = (...parts: string[]) => readFileSync(join(ROOT, ...parts), 'utf8');

describe('the IAM policy (docs/iam-policy.json, shipped; README "IAM policy")', () => {
  const policy = JSON.parse(read('docs', 'iam-policy.json')) as {
    Statement: Array<{ Effect: string; Action: string[]; Resource: string }>;
  };
  const actions = policy.Statement.flatMap((s) => s.Action);

  test('allows exactly the actions the code calls, read-only', () => {
    assert.deepEqual([...actions].sort(), [...new Set(Object.values(OPERATION_ACTION))].sort());
    assert.ok(
      actions.every((a) => /^(sso|identitystore):(List|Describe|Get)/.test(a)),
      'read-only actions',
    );
    assert.ok(policy.Statement.every((s) => s.Effect === 'Allow'));
  });

  test('the README shows the same policy, and the explanation names every action', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## IAM policy'));
    const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(block, 'a JSON block in the IAM policy section');
    assert.deepEqual(JSON.parse(block), policy);
    const explanation = read('docs', 'iam-policy.md');
    for (const action of actions) assert.ok(explanation.includes(`\`${action}\``), `${action} is explained`);
  });

  test('ships in the .vsix', () => {
    const ignore = read('.vscodeignore').split('\n');
    // The explanation ships with every docs page (the README links them: test/unit/package-links.test.ts).
    assert.ok(ignore.includes('!docs/iam-policy.json') && ignore.includes('!docs/**/*.md'));
  });
});
