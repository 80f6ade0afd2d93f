// The walkthrough's provider step: it lists what the provider data says, so that it cannot drift from the data.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BUILTIN_PROVIDERS } from '../../src/core/providers';

const ROOT = join(__dirname, '..', '..', '..');
const read = (...parts: string[]) => readFileSync(join(ROOT, ...parts), 'utf8');

describe('the walkthrough follows the service provider', () => {
  const manifest = JSON.parse(read('package.json')) as {
    contributes: {
      walkthroughs: Array<{ steps: Array<{ id: string; description: string; media: { markdown: string } }> }>;
    };
  };
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const steps = manifest.contributes.walkthroughs[0]!.steps;

  test('its first step is choosing the provider, and opens the Configurator, whose picker comes first', () => {
    assert.equal(steps[0]?.id, 'provider');
    assert.match(nls[steps[0]!.description.slice(1, -1)] ?? '', /\(command:frontlineSso\.openConfigurator\)/);
  });

  test('the provider step lists every built-in provider as its data names it, with a link to its page', () => {
    const page = read(steps[0]!.media.markdown);
    const rows = page.split('\n').filter((l) => /^\| .* \| `[a-z-]+` \|/.test(l));
    assert.deepEqual(
      rows,
      BUILTIN_PROVIDERS.map(
        (p) =>
          `| ${p.vendor} ${p.product}${p.status === 'deprecated' ? ', deprecated' : ''} | \`${p.id}\` | ${p.params.map((x) => x.label).join(', ')} | [${p.id}](../../docs/providers/${p.id}.md) |`,
      ),
    );
    for (const p of BUILTIN_PROVIDERS)
      assert.ok(existsSync(join(ROOT, 'media', 'walkthrough', '../../docs/providers', `${p.id}.md`)), p.id);
  });
});
