import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BUILTIN_PROVIDERS } from '../../src/core/providers';
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

describe('configurator service provider picker', () => {
  const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
  let h: Harness;
  before(async () => {
    h = await openHarness();
  });
  after(() => h.close());

  /** Picks a provider as a user does: opens the picker and chooses the entry by its name. */
  const pick = async (name: string) => {
    await h.page.locator('#provider').click();
    await h.page.locator('#provider').getByRole('option', { name, exact: true }).click();
  };

  test('lists every built-in provider by vendor and product, Frontline first and chosen, deprecated ones marked', async () => {
    const options = await h.page
      .locator('#provider vscode-option')
      .evaluateAll((os) => os.map((o) => [o.getAttribute('value'), o.textContent?.trim()]));
    assert.deepEqual(
      options.map(([id]) => id),
      BUILTIN_PROVIDERS.map((p) => p.id),
    );
    assert.deepEqual(options[0], ['twilio-frontline', 'Twilio Frontline']);
    assert.deepEqual(options[2], ['twilio-flex-legacy', 'Twilio Flex (legacy SSO) (deprecated)']);
    assert.equal(
      await h.page.evaluate(() => (document.getElementById('provider') as HTMLInputElement).value),
      'twilio-frontline',
    );
    assert.equal((await accessibleNode(h.page, '#provider >> [role="combobox"]')).name, 'Service provider');
    assert.equal(await h.page.locator('#realmSid').isVisible(), true);
  });

  test('Flex: one field per param with its help, the param check with the example, then its values', async () => {
    await pick('Twilio Flex (enhanced SSO)');
    await until('the host to have Flex', async () => h.state().provider === 'twilio-flex');
    assert.equal(await h.page.locator('#realmSid').isVisible(), false, "Frontline's Realm SID is hidden");
    assert.equal(await h.page.locator('#workspaceId').isVisible(), false);
    assert.equal((await accessibleNode(h.page, '#param-connection >> input')).name, 'Connection ID');
    assert.equal((await accessibleNode(h.page, '#param-region >> input')).name, 'Flex region');
    assert.match(await textOf(h, '#param-fields'), /Flex Console → Manage → Single sign-on.*Example: JQ0123/);
    assert.equal(await textOf(h, '#sp-title'), '1. Flex (enhanced SSO) → AWS');
    await h.page.locator('#param-connection input').fill('JQ123');
    await until('the param finding', async () => /expected form/.test(await textOf(h, '#param-connection-status')));
    assert.match(
      await textOf(h, '#param-connection-status'),
      /^Error: The Connection ID \(connection\) "JQ123" does not have the expected form JQ\[0-9a-fA-F\]\{32\}\..*Example: JQ0123456789abcdef0123456789abcdef/,
    );
    assert.equal((await accessibleNode(h.page, '#param-connection >> input')).invalid, true);
    assert.equal(await textOf(h, '#acsUrl'), 'Shown when the fields above are valid');
    await h.page.locator('#param-connection input').fill(CONNECTION);
    await until('the generated values', async () => (await textOf(h, '#acsUrl')).startsWith('https://'));
    assert.equal(
      await textOf(h, '#acsUrl'),
      `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`,
    );
    assert.equal(await textOf(h, '#audience'), `urn:flex:${CONNECTION}`);
    assert.equal(await textOf(h, '#nameIdFormat'), "Not named by the provider's documentation");
    assert.deepEqual(
      h.state().mappings.map((m) => m.attribute),
      ['email', 'full_name', 'roles'],
      "Frontline's untouched mappings became Flex's",
    );
    await h.page.locator('#copy-audience').click();
    await until('the copy', async () => h.received.some((m) => (m as { type: string }).type === 'copy'));
    assert.deepEqual(h.received.at(-1), {
      type: 'copy',
      text: `urn:flex:${CONNECTION}`,
      label: 'Application SAML audience',
    });
  });

  test('switching back and forth keeps what was typed for each provider', async () => {
    await pick('Twilio Frontline');
    await h.page.locator('#realmSid input').fill(REALM);
    await until('Frontline values', async () => (await textOf(h, '#acsUrl')).endsWith(REALM));
    assert.equal(await textOf(h, '#nameIdFormat'), 'emailAddress');
    await pick('Twilio Flex (enhanced SSO)');
    assert.equal(await h.page.locator('#param-connection input').inputValue(), CONNECTION);
    await until('Flex values', async () => (await textOf(h, '#audience')) === `urn:flex:${CONNECTION}`);
    await pick('Twilio Frontline');
    assert.equal(await h.page.locator('#realmSid input').inputValue(), REALM);
    await until('the host state', async () => h.state().provider === 'twilio-frontline');
    assert.equal(h.state().params['twilio-flex']?.connection, CONNECTION);
  });

  test('a pasted Flex ACS URL switches the form to twilio-flex and fills the connection', async () => {
    const other = 'JQ' + 'f'.repeat(32);
    await h.page
      .locator('#realmSid input')
      .fill(`https://login.flex.us1.twilio.com/login/callback?connection=${other}`);
    await until('the switch', async () => h.state().provider === 'twilio-flex');
    await until('the field', async () => (await h.page.locator('#param-connection input').inputValue()) === other);
    assert.match(await textOf(h, '#notice'), /That is the ACS URL of Twilio Flex \(enhanced SSO\) \(twilio-flex\)/);
    assert.equal(
      await h.page.evaluate(() => (document.getElementById('provider') as HTMLInputElement).value),
      'twilio-flex',
    );
  });

  test('a deprecated provider says so, with its replacement and migration guide', async () => {
    await pick('Twilio Flex (legacy SSO) (deprecated)');
    await until('the warning', async () => /deprecated/.test(await textOf(h, '#provider-status')));
    const status = await textOf(h, '#provider-status');
    assert.match(status, /Warning: deprecated\. Twilio requires every Flex account on the legacy SSO configuration/);
    assert.match(
      status,
      /Migration guide: https:\/\/www\.twilio\.com\/docs\/flex\/admin-guide\/setup\/sso-configuration\/migration-guide/,
    );
    await h.page.locator('#provider-replacement').click();
    await until('the replacement', async () => h.state().provider === 'twilio-flex');
    assert.equal(await textOf(h, '#provider-status'), '');
  });

  test('custom asks for the ACS URL and audience', async () => {
    await pick('Any Custom SAML 2.0 application');
    assert.equal((await accessibleNode(h.page, '#param-acsUrl >> input')).name, 'ACS URL');
    assert.equal((await accessibleNode(h.page, '#param-audience >> input')).name, 'SAML audience (SP entity ID)');
    await h.page.locator('#param-acsUrl input').fill('https://app.example.com/saml/acs');
    await h.page.locator('#param-audience input').fill('https://app.example.com/saml/metadata');
    await until('the values', async () => (await textOf(h, '#audience')) === 'https://app.example.com/saml/metadata');
    assert.equal(await textOf(h, '#acsUrl'), 'https://app.example.com/saml/acs');
  });
});
