#!/usr/bin/env node
// End to end, as a person would: a real VS Code (code-server) in headless Chromium, the extension in development
// mode on a copy of examples/, the Identity Center emulator behind the tree. Drives the palette, the sidebar, the
// Problems panel, notifications and the configurator webview, checks what a user would see, and saves screenshots.
//   node test/e2e/workbench.mjs [--screenshots <dir>]     (README pictures: --screenshots media/screenshots)
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { refreshExampleCertificate } from '../../scripts/vscode-host/fresh-certificate.mjs';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, installed } from '../../scripts/vscode-host/install.mjs';
import { CHROMIUM_ARGS, startCodeServer, workbenchUrl } from '../../scripts/vscode-host/code-server.mjs';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const require = createRequire(import.meta.url);
const { EMULATOR_ENV, IdentityCenterEmulator } = require(join(ROOT, 'out', 'tools', 'emulator', 'server.js'));
const { loadSeed } = require(join(ROOT, 'out', 'tools', 'emulator', 'seed.js'));
const { audit, describeViolations } = require(join(ROOT, 'out', 'test', 'webview', 'audit.js'));
const argIndex = process.argv.indexOf('--screenshots');
const shots = argIndex > 0 ? resolve(process.argv[argIndex + 1]) : mkdtempSync(join(tmpdir(), 'frontline-sso-shots-'));
mkdirSync(shots, { recursive: true });

if (!installed()) {
  console.error('The VS Code host is not installed: run npm run vscode:install');
  process.exit(2);
}

const workspace = mkdtempSync(join(tmpdir(), 'frontline-sso-e2e-'));
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
refreshExampleCertificate(workspace);
rmSync(join(workspace, 'frontline-sso.json'));
const emulator = new IdentityCenterEmulator(loadSeed());
const endpoint = await emulator.start();
const server = await startCodeServer({
  settings: {
    'workbench.colorTheme': 'Default Dark Modern',
    'frontlineSso.aws.endpoint': endpoint,
    'frontlineSso.aws.region': 'us-east-1',
    'editor.minimap.enabled': false,
  },
  env: EMULATOR_ENV,
});
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });

let passed = 0;
let failed = 0;
async function step(name, body) {
  try {
    await body();
    passed++;
    console.log(`✔ ${name}`);
  } catch (err) {
    failed++;
    console.log(
      `✘ ${name}\n   ${String(err.stack ?? err)
        .split('\n')
        .slice(0, 6)
        .join('\n   ')}`,
    );
    await page.screenshot({ path: join(shots, `failure-${passed + failed}.png`) }).catch(() => undefined);
  }
}

async function until(what, check, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function palette(command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function quickOpen(file) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/**
 * Picks an installed colour theme by its label in the theme picker. Rows are clicked by their text: the first row
 * for "Color Theme" is the marketplace browser, which would search online.
 */
async function colorTheme(label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill('>Preferences: Color Theme');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows
    .filter({ hasText: /^Preferences: Color Theme/ })
    .first()
    .click();
  // The installed themes are listed after a moment; filter once they are there.
  await until('the installed themes', async () => (await rows.count()) > 3);
  await input.fill(label);
  await rows
    .filter({ hasText: new RegExp(`^${label}`) })
    .first()
    .click();
}

/** The configurator's document inside the workbench's webview frames (for axe, which needs a Frame). */
async function webviewFrame() {
  const outer = await (await page.locator('iframe.webview.ready').elementHandle()).contentFrame();
  return (await outer.locator('iframe#active-frame').elementHandle()).contentFrame();
}

/** axe-core inside the live webview: no violation of impact serious or critical. */
async function auditWebview(label) {
  const result = await audit(await webviewFrame());
  const c = result.counts;
  console.log(`  axe ${label}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor}`);
  assert.deepEqual(result.blocking, [], describeViolations(result.blocking));
}

async function notifications() {
  // With the smoke-test driver, toasts are not shown: read the notification centre.
  await palette('Notifications: Show Notifications');
  const messages = await page.locator('.notification-list-item-message').allTextContents();
  await page.keyboard.press('Escape');
  return messages;
}

try {
  await page.goto(workbenchUrl(server.port, { folder: workspace, extensionDevelopmentPath: ROOT }));
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.locator('.part.activitybar .action-item a[aria-label^="Frontline SSO"]').waitFor({ timeout: 60_000 });

  await step('lint: a broken config shows its problems in the editor and the Problems panel', async () => {
    await quickOpen('broken.frontline-sso.json');
    await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await palette('View: Toggle Problems');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor();
    const text = (await page.locator('.markers-panel').textContent()) ?? '';
    assert.match(text, /This is the SAML audience, not the ACS URL/);
    assert.match(text, /Did you mean \$\{user:email\}/);
    await page.screenshot({ path: join(shots, 'lint.png') });
    await palette('View: Toggle Problems');
  });

  await step('tree: the sidebar lists the Identity Center applications with assignments', async () => {
    await page.locator('.part.activitybar .action-item a[aria-label^="Frontline SSO"]').click();
    const app = page.locator('.monaco-list-row[aria-label^="Twilio-Frontline"]');
    await app.waitFor({ timeout: 30_000 });
    await app.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row[aria-label^="Assignments"]').click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row[aria-label^="Jane Doe"]').waitFor();
    await page.locator('.monaco-list-row[aria-label^="Details"]').click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.monaco-list-row[aria-label^="Assignment required"]').waitFor();
    await page.screenshot({ path: join(shots, 'tree.png') });
  });

  await step('values: the palette command copies the ACS URL and says so', async () => {
    await palette('Frontline SSO: Generate ACS URL and Audience');
    const input = page.locator('.quick-input-widget input');
    await input.fill('JB0123');
    await page.locator('.quick-input-message').filter({ hasText: /34/ }).waitFor();
    await input.fill('https://iam.twilio.com/v2/saml2/metadata/JB0123456789abcdef0123456789abcdef');
    await page
      .locator('.quick-input-message')
      .filter({ hasText: /ACS URL: https/ })
      .waitFor();
    await page.screenshot({ path: join(shots, 'generate.png') });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    const messages = await notifications();
    assert.ok(
      messages.some((m) => /Copied the ACS URL/.test(m)),
      messages.join(' | '),
    );
  });

  await step('certificate: hover and CodeLens on a PEM file, and the decode report', async () => {
    await quickOpen('aws-idc.pem');
    const lens = page.locator('.codelens-decoration a').first();
    await lens.waitFor({ timeout: 20_000 });
    assert.match((await lens.textContent()) ?? '', /CN=amazonaws\.com — expires in 182[56] days/);
    await lens.click();
    await page.locator('.tab[aria-label*="Certificate - aws-idc.pem.md"]').waitFor({ timeout: 20_000 });
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('td', { hasText: 'sha256WithRSAEncryption' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(shots, 'certificate.png') });
  });

  await step('editor context menu: certificate commands only on a certificate selection', async () => {
    const menuItems = async () => {
      await page.locator('.monaco-editor .view-lines').first().click({ button: 'right' });
      const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container');
      await menu.first().waitFor({ timeout: 10_000 });
      const labels = await menu.first().locator('.action-label').allTextContents();
      await page.keyboard.press('Escape');
      return labels.map((l) => l.trim());
    };
    // A certificate file, all selected: Decode Certificate is offered, Decode SAML Response is not.
    await quickOpen('aws-idc.pem');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.waitForTimeout(500);
    const onCertificate = await menuItems();
    assert.ok(onCertificate.includes('Decode Certificate'), onCertificate.join(' | '));
    assert.ok(!onCertificate.includes('Decode SAML Response'), onCertificate.join(' | '));
    // The mappings file, all selected: none of the three.
    await quickOpen('team.attribute-mappings.json');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.waitForTimeout(500);
    const elsewhere = await menuItems();
    for (const title of ['Decode Certificate', 'Decode SAML Response', 'Validate Frontline Values']) {
      assert.ok(!elsewhere.includes(title), `${title} in ${elsewhere.join(' | ')}`);
    }
  });

  await step('configurator: opened from the palette, filled, saved to frontline-sso.json', async () => {
    // A new setup: no config file yet, so the form starts empty and Save creates frontline-sso.json.
    await palette('View: Close All Editors');
    rmSync(join(workspace, 'broken.frontline-sso.json'));
    await palette('Frontline SSO: Open Configurator');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('#realmSid input').waitFor({ timeout: 30_000 });
    await frame.locator('#realmSid input').fill('JB0123456789abcdef0123456789abcdef');
    await frame.locator('#acsUrl').filter({ hasText: 'authenticate/JB0123456789abcdef0123456789abcdef' }).waitFor();
    const metadata = readFileSync(join(workspace, 'aws-idc-metadata.xml'), 'utf8');
    const issuer = /entityID="([^"]+)"/.exec(metadata)[1];
    await frame.locator('#issuer input').fill(issuer);
    await frame.locator('#ssoUrl input').fill(issuer);
    await frame.locator('#certificate textarea').fill(readFileSync(join(workspace, 'aws-idc.pem'), 'utf8'));
    await frame.locator('#workspaceId input').fill('acme-support');
    await frame.locator('#cert-summary').filter({ hasText: 'CN=amazonaws.com' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, 'configurator.png') });
    await frame.locator('#save').click();
    await frame
      .locator('#notice')
      .filter({ hasText: /Saved frontline-sso\.json/ })
      .waitFor({ timeout: 20_000 });
    const saved = JSON.parse(readFileSync(join(workspace, 'frontline-sso.json'), 'utf8'));
    assert.equal(saved.realmSid, 'JB0123456789abcdef0123456789abcdef');
    assert.equal(saved.workspaceId, 'acme-support');
    assert.equal(
      saved.serviceProvider.acsUrl,
      'https://iam.twilio.com/v2/saml2/authenticate/JB0123456789abcdef0123456789abcdef',
    );
    assert.equal(saved.identityProvider.issuer, issuer);
    assert.match(saved.identityProvider.certificate, /^-----BEGIN CERTIFICATE-----/);
    assert.deepEqual(
      saved.attributeMappings.map((m) => m.attribute),
      ['Subject', 'email', 'roles'],
    );
  });

  await step(
    'configurator: axe finds nothing serious in the live webview, with and without errors, in two themes',
    async () => {
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const input = frame.locator('#realmSid input');
      await auditWebview('Dark Modern, complete form');
      try {
        await input.fill('JB0123');
        await frame
          .locator('#realmSid-status')
          .filter({ hasText: /it needs 34/ })
          .waitFor();
        await auditWebview('Dark Modern, a field in error');
        // The error is announced on the field itself: the inner input is invalid and described by the message.
        assert.equal(await input.getAttribute('aria-invalid'), 'true');
        assert.match((await input.getAttribute('aria-description')) ?? '', /^Error: The Realm SID has 6 characters/);
        await colorTheme('Light High Contrast');
        await frame.locator('body[data-vscode-theme-kind="vscode-high-contrast-light"]').waitFor({ timeout: 30_000 });
        await auditWebview('Light High Contrast, a field in error');
      } finally {
        await colorTheme('Dark Modern');
        await frame.locator('body[data-vscode-theme-kind="vscode-dark"]').waitFor({ timeout: 30_000 });
        await input.fill('JB0123456789abcdef0123456789abcdef');
        await frame.locator('#acsUrl').filter({ hasText: 'authenticate/JB0123456789abcdef0123456789abcdef' }).waitFor();
      }
    },
  );

  await step('configurator: the form survives a window reload with what was typed', async () => {
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('#workspaceId input').fill('acme-typed-not-saved');
    await page.waitForTimeout(500);
    await palette('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    const restored = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await restored.locator('#workspaceId input').waitFor({ timeout: 60_000 });
    await until(
      'the restored value',
      async () => (await restored.locator('#workspaceId input').inputValue()) === 'acme-typed-not-saved',
    );
    assert.equal(await restored.locator('#realmSid input').inputValue(), 'JB0123456789abcdef0123456789abcdef');
    await restored.locator('#acsUrl').filter({ hasText: 'authenticate/JB0123456789abcdef0123456789abcdef' }).waitFor();
  });

  await step('configurator: the provider picker sets up a Flex app; the saved config is linted as Flex', async () => {
    const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const configFile = join(workspace, 'frontline-sso.json');
    const picker = frame.locator('#provider');
    await picker.waitFor({ timeout: 30_000 });
    assert.equal(await picker.evaluate((p) => p.value), 'twilio-frontline', 'Frontline is what users see first');
    await picker.click();
    await picker.getByRole('option', { name: 'Twilio Flex (enhanced SSO)', exact: true }).click();
    await frame.locator('#sp-title').filter({ hasText: '1. Flex (enhanced SSO) → AWS' }).waitFor();
    // A wrong connection: the field says why, with the example, before anything is saved.
    await frame.locator('#param-connection input').fill('JQ123');
    await frame
      .locator('#param-connection-status')
      .filter({ hasText: /Example: JQ0123456789abcdef0123456789abcdef/ })
      .waitFor();
    assert.equal(await frame.locator('#map-1-attribute input').inputValue(), 'full_name', "Flex's mappings");
    // frontline-sso.json is Frontline's: saving Flex over it is asked first, in VS Code's dialog.
    await frame.locator('#save').click();
    const replace = page.locator('.monaco-dialog-box .monaco-button', {
      hasText: 'Save for Twilio Flex (enhanced SSO)',
    });
    await replace.waitFor({ timeout: 20_000 });
    await replace.click();
    await until('the Flex config', async () => /"connection": "JQ123"/.test(readFileSync(configFile, 'utf8')));
    let saved = JSON.parse(readFileSync(configFile, 'utf8'));
    assert.deepEqual(saved.serviceProvider, { id: 'twilio-flex', params: { connection: 'JQ123' } });
    assert.equal(saved.realmSid, undefined);
    await palette('View: Toggle Problems');
    await until('the param finding in the Problems panel', async () =>
      /The Connection ID \(connection\) "JQ123" does not have the expected form.*Example: JQ0123456789abcdef0123456789abcdef/.test(
        (await page.locator('.markers-panel').textContent()) ?? '',
      ),
    );
    await palette('View: Toggle Problems');
    // The right connection: the values appear with Copy, and saving needs no question (it is Flex's file now).
    await frame.locator('#param-connection input').fill(CONNECTION);
    await frame
      .locator('#audience')
      .filter({ hasText: `urn:flex:${CONNECTION}` })
      .waitFor();
    await picker.click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, 'picker.png') });
    await page.keyboard.press('Escape');
    await frame.locator('#save').click();
    await until('the saved connection', async () => readFileSync(configFile, 'utf8').includes(CONNECTION));
    saved = JSON.parse(readFileSync(configFile, 'utf8'));
    assert.deepEqual(saved.serviceProvider, { id: 'twilio-flex', params: { connection: CONNECTION } });
    await quickOpen('frontline-sso.json');
    await palette('View: Toggle Problems');
    // The linter's findings are "frontline-sso(code)"; the live metadata check's own ("frontline-sso live") are not
    // about the provider. The param finding seen above is gone, and no other lint finding is left.
    await until('the linter to find the config clean', async () => {
      const text = (await page.locator('.markers-panel').textContent()) ?? '';
      return !/frontline-sso\(/.test(text);
    });
    await palette('View: Toggle Problems');
  });
} finally {
  await browser.close().catch(() => undefined);
  await server.stop().catch(() => undefined);
  await emulator.stop().catch(() => undefined);
  rmSync(workspace, { recursive: true, force: true });
}
console.log(`\nScreenshots: ${shots}\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
