import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { emptyFormState } from '../../src/configurator/form';
import { FormState } from '../../src/configurator/webview/protocol';
import { accessibleNode, audit, describeViolations } from './audit';
import { ConfiguratorHarness, ROOT, openConfigurator } from './harness';
import { THEME_NAMES, THEMES_SOURCE } from './themes';

const CERT = readFileSync(join(ROOT, 'test', 'fixtures', 'idp', 'idp.pem'), 'utf8');
const ISSUER = 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy0xMjM0NTY3ODkwYWJjZGVm';

const until = async (what: string, check: () => Promise<boolean>) => {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const textOf = async (h: ConfiguratorHarness, selector: string) =>
  (await h.page.locator(selector).first().textContent())?.trim() ?? '';

/** A form with an error, a warning and a note under fields and mapping rows, and every value filled in. */
function filledForm(): FormState {
  const s = emptyFormState();
  s.realmSid = 'JB0123';
  s.issuer = ISSUER.replace('/assertion/', '/metadata/');
  s.ssoUrl = ISSUER;
  s.certificate = CERT;
  s.workspaceId = 'acme-support';
  s.mappings[0]!.format = 'persistent';
  s.mappings[1]!.value = '${user:emial}';
  s.mappings.push({ attribute: 'department', value: '${path:enterprise.department}', format: 'unspecified' });
  s.checklist.startUrlBlank = true;
  return s;
}

/** Audits the page in every theme set; fails with the violations of impact serious or critical. */
async function auditAllThemes(h: ConfiguratorHarness, state: string, report: (line: string) => void) {
  const failures: string[] = [];
  for (const theme of THEME_NAMES) {
    await h.setTheme(theme);
    const result = await audit(h.page);
    const c = result.counts;
    report(
      `${state} / ${theme}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor}`,
    );
    if (result.blocking.length) failures.push(`${theme}:\n${describeViolations(result.blocking)}`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
}

describe(`configurator accessibility: axe-core in VS Code's theme sets (${THEMES_SOURCE})`, () => {
  test('a deprecated provider, with its warning, migration link and a param error, has none either', async (t) => {
    const s = filledForm();
    s.provider = 'twilio-flex-legacy';
    s.params = { 'twilio-flex-legacy': { accountSid: 'AC123' } };
    const h = await openConfigurator({ initial: s });
    try {
      await until('the param finding', async () => /expected form/.test(await textOf(h, '#param-accountSid-status')));
      assert.match(await textOf(h, '#provider-status'), /Warning: deprecated/);
      const sid = await accessibleNode(h.page, '#param-accountSid >> input');
      assert.equal(sid.name, 'Account SID');
      assert.equal(sid.invalid, true);
      assert.match(sid.description, /^Error: The Account SID \(accountSid\) "AC123" does not have the expected form/);
      await auditAllThemes(h, 'deprecated provider', (line) => t.diagnostic(line));
    } finally {
      await h.close();
    }
  });

  test('the initial form has no serious or critical violations in any theme', async (t) => {
    const h = await openConfigurator();
    try {
      await until('the first validation', async () => /steps? left/.test(await textOf(h, '#summary')));
      await auditAllThemes(h, 'initial', (line) => t.diagnostic(line));
    } finally {
      await h.close();
    }
  });

  test('a form showing errors, warnings, notes and a notice has none either', async (t) => {
    const h = await openConfigurator({
      initial: filledForm(),
      // The saved config against the live metadata: a rotation under way (a warning).
      live: {
        level: 'warning',
        messages: [
          'A certificate rotation is under way: besides the configured certificate, AWS lists CN=amazonaws.com.',
        ],
      },
    });
    try {
      await until('the findings', async () => /Did you mean/.test(await textOf(h, '#map-1-status')));
      assert.match(await textOf(h, '#live-status'), /^Warning: A certificate rotation is under way/);
      await h.send({ type: 'notice', level: 'warning', message: 'The certificate file ./old.pem cannot be read.' });
      await until('the notice', async () => /cannot be read/.test(await textOf(h, '#notice')));
      // What is audited really shows each level (so the audit covers their colours).
      assert.match(await textOf(h, '#realmSid-status'), /^Error: /);
      assert.match(await textOf(h, '#map-3-status'), /^Warning: /);
      assert.match(await textOf(h, '#map-0-status'), /^Note: /);
      assert.match(await textOf(h, '#ssoUrl-status'), /Looks right/);
      assert.match(await textOf(h, '#cert-summary'), /CN=amazonaws\.com/);
      await auditAllThemes(h, 'filled', (line) => t.diagnostic(line));
    } finally {
      await h.close();
    }
  });

  test('the audit fails a page with an unnamed field or low-contrast text', async () => {
    const h = await openConfigurator({ theme: 'light' });
    try {
      await h.page.evaluate(() => {
        const input = document.createElement('input');
        input.id = 'unnamed';
        const faint = document.createElement('p');
        faint.id = 'faint';
        faint.textContent = 'Barely readable';
        faint.style.color = '#bbbbbb';
        document.querySelector('main')?.append(input, faint);
      });
      const ids = (await audit(h.page)).blocking.map((v) => v.id);
      assert.ok(ids.includes('label'), ids.join());
      assert.ok(ids.includes('color-contrast'), ids.join());
    } finally {
      await h.close();
    }
  });
});

describe('configurator for screen readers', () => {
  let h: ConfiguratorHarness;
  before(async () => {
    h = await openConfigurator({ initial: filledForm() });
    await until('the findings', async () => /Did you mean/.test(await textOf(h, '#map-1-status')));
  });
  after(() => h.close());

  test('every mapping field and format has its own name, and each row is a named group', async () => {
    for (let row = 0; row < 4; row++) {
      const n = row + 1;
      assert.deepEqual(await accessibleNode(h.page, `#map-${row}`).then((a) => [a.role, a.name]), [
        'group',
        `Mapping ${n}`,
      ]);
      assert.equal((await accessibleNode(h.page, `#map-${row}-attribute >> input`)).name, `Mapping ${n} attribute`);
      assert.equal((await accessibleNode(h.page, `#map-${row}-value >> input`)).name, `Mapping ${n} maps to`);
      const format = await accessibleNode(h.page, `#map-${row}-format >> [role="combobox"]`);
      assert.deepEqual([format.role, format.name], ['combobox', `Mapping ${n} format`]);
      assert.equal((await accessibleNode(h.page, `#map-${row}-remove`)).name, `Remove mapping ${n}`);
    }
    // No table roles without cells, and no status regions inside the list of rows.
    assert.equal(
      await h.page.locator('#mappings [role="row"], #mappings[role="table"], #mappings [role="status"]').count(),
      0,
    );
  });

  test('a field in error says so, and why, on the control that has focus', async () => {
    const sid = await accessibleNode(h.page, '#realmSid >> input');
    assert.equal(sid.invalid, true);
    assert.match(sid.description, /^Error: The Realm SID has 6 characters; it needs 34/);
    assert.match(sid.description, /On the Frontline Console SSO page/, 'the help text follows');
    const value = await accessibleNode(h.page, '#map-1-value >> input');
    assert.equal(value.invalid, true);
    assert.match(value.description, /Did you mean \$\{user:email\}\?/);
    // The finding is about the value: the row's other fields are described but not marked invalid.
    const attribute = await accessibleNode(h.page, '#map-1-attribute >> input');
    assert.deepEqual([attribute.invalid, /Did you mean/.test(attribute.description)], [false, true]);
    const fine = await accessibleNode(h.page, '#ssoUrl >> input');
    assert.deepEqual([fine.invalid, /^Looks right/.test(fine.description)], [false, true]);
  });

  test('fixing a value clears its error state', async () => {
    await h.page.locator('#realmSid input').fill('JB0123456789abcdef0123456789abcdef');
    await until('the Realm SID to be accepted', async () => /Looks right/.test(await textOf(h, '#realmSid-status')));
    await until(
      'the invalid state to clear',
      async () => !(await accessibleNode(h.page, '#realmSid >> input')).invalid,
    );
  });
});
