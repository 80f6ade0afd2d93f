import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { accessibleNode } from './audit';
import { ConfiguratorHarness as Harness, ROOT, openConfigurator as openHarness } from './harness';

const REALM = 'JB0123456789abcdef0123456789abcdef';
const CERT = readFileSync(join(ROOT, 'test', 'fixtures', 'idp', 'idp.pem'), 'utf8');
const textOf = async (h: Harness, selector: string) => (await h.page.locator(selector).textContent())?.trim() ?? '';
const until = async (what: string, check: () => Promise<boolean>) => {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('configurator webview in Chromium', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.close());

  test('says it is ready before the host sends anything', () => {
    assert.deepEqual((h.received[0] as { type: string }).type, 'ready');
  });

  test('a wrong Realm SID shows why; a right one generates the ACS URL and audience', async () => {
    const input = h.page.locator('#realmSid input');
    await input.fill('JB0123');
    await until('the length error', async () => /34/.test(await textOf(h, '#realmSid-status')));
    assert.match(await textOf(h, '#realmSid-status'), /6 characters; it needs 34/);
    assert.equal(await textOf(h, '#acsUrl'), 'Shown when the Realm SID is valid');
    assert.equal(await h.page.locator('#copy-acsUrl').getAttribute('disabled'), '', 'nothing to copy yet');
    await input.fill(`  "${REALM}" `);
    await until('the generated values', async () => (await textOf(h, '#acsUrl')).startsWith('https://'));
    assert.equal(await textOf(h, '#acsUrl'), `https://iam.twilio.com/v2/saml2/authenticate/${REALM}`);
    assert.equal(await textOf(h, '#audience'), `https://iam.twilio.com/v2/saml2/metadata/${REALM}`);
    assert.equal(h.state().realmSid, `  "${REALM}" `, 'what the user typed is kept as typed');
  });

  test('a pasted certificate is decoded on the spot', async () => {
    await h.page.locator('#certificate textarea').fill(CERT);
    await until('the certificate summary', async () => /amazonaws\.com/.test(await textOf(h, '#cert-summary')));
    const summary = await textOf(h, '#cert-summary');
    assert.match(summary, /CN=amazonaws\.com, OU=IDAS, O=Amazon, C=US — expires in \d+ days/);
    assert.match(summary, /SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  });

  test('mapping rows are checked with the lint rules as you type', async () => {
    await h.page.locator('#map-1-value input').fill('${user:emial}');
    await until('the row finding', async () => /Did you mean/.test(await textOf(h, '#map-1-status')));
    assert.match(
      await textOf(h, '#map-1-status'),
      /\$\{user:emial\} is not an IAM Identity Center variable\. Did you mean \$\{user:email\}\?/,
    );
    await h.page.locator('#map-1-value input').fill('${user:email}');
    await until('the row to be clean', async () => (await textOf(h, '#map-1-status')) === '');
  });

  test('the Content Security Policy blocks an injected inline script', async () => {
    await assert.rejects(h.page.addScriptTag({ content: 'window.__injected = true;' }));
    assert.equal(await h.page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected), undefined);
    assert.ok(
      h.cspViolations.some((m) => /inline script/i.test(m)),
      h.cspViolations.join('\n'),
    );
  });

  test('untrusted text is never inserted as HTML', async () => {
    const payload = '<img src=x onerror="window.__xss=1">';
    await h.page.locator('#issuer input').fill(payload);
    await until('the issuer finding', async () => (await textOf(h, '#issuer-status')).length > 0);
    await h.send({ type: 'notice', level: 'error', message: payload });
    // The message is delivered asynchronously: wait until the page shows it before asserting on the outcome.
    await until('the notice', async () => (await textOf(h, '#notice')) === payload);
    assert.equal(await h.page.locator('img').count(), 0);
    assert.equal(await h.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await textOf(h, '#notice'), payload);
  });

  test('unknown or malformed messages are ignored, and the page keeps working', async () => {
    await h.send({ type: 'bogus' });
    await h.send({ type: 'validation', validation: { fields: 'nope' } });
    await h.send({ type: 'state', state: { realmSid: 42 } });
    await until(
      'the warning',
      async () => h.consoleMessages.filter((m) => /not part of the configurator protocol/.test(m)).length >= 3,
    );
    await h.page.locator('#workspaceId input').fill('acme-support');
    await until('a change message', async () => h.state().workspaceId === 'acme-support');
  });

  test('every field has a label, and the keyboard reaches the Realm SID', async () => {
    const fields = {
      realmSid: 'Realm SID',
      issuer: 'Identity provider issuer',
      ssoUrl: 'SSO URL',
      certificate: 'X.509 certificate',
      workspaceId: 'Workspace ID',
    };
    for (const [id, label] of Object.entries(fields)) {
      const inner = id === 'certificate' ? 'textarea' : 'input';
      assert.equal((await accessibleNode(h.page, `#${id} >> ${inner}`)).name, label, id);
    }
    await h.page.locator('#realmSid input').focus();
    await h.page.keyboard.press('Shift+Tab');
    await h.page.keyboard.press('Tab');
    assert.equal(await h.page.evaluate(() => document.activeElement?.id), 'realmSid');
  });
});

describe('configurator webview layout', () => {
  test('a narrow editor stacks the mapping columns', async () => {
    const narrow = await openHarness({ width: 420, theme: 'light' });
    try {
      const widths = await narrow.page
        .locator('.mapping-row')
        .first()
        .evaluate((row) => getComputedStyle(row).gridTemplateColumns.split(' ').length);
      assert.equal(widths, 1);
      const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      assert.equal(overflow, false, 'no horizontal scrolling');
    } finally {
      await narrow.close();
    }
  });
});
