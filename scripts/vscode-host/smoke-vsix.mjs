#!/usr/bin/env node
// Installs the packaged frontline-sso.vsix into a fresh code-server and checks, in the workbench, that it activates:
// the view container appears and a config's problems are reported. Catches packaging mistakes (a file left out by
// .vscodeignore, a production-bundle difference) that tests of the development build cannot see.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, ROOT } from './install.mjs';
import { CHROMIUM_ARGS, startCodeServer } from './code-server.mjs';

const vsix = join(ROOT, 'frontline-sso.vsix');
if (!existsSync(vsix)) {
  console.error('frontline-sso.vsix is missing: run npm run package first.');
  process.exit(2);
}
const extensionsDir = mkdtempSync(join(tmpdir(), 'frontline-sso-vsix-'));
const workspace = mkdtempSync(join(tmpdir(), 'frontline-sso-vsix-ws-'));
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
const install = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
  encoding: 'utf8',
});
if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
  console.error(`Installing the .vsix failed:\n${install.stdout}${install.stderr}`);
  process.exit(1);
}
const server = await startCodeServer({ extensionsDir, smokeTestDriver: false });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
let ok = false;
try {
  const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.part.activitybar .action-item a[aria-label^="Frontline SSO"]').waitFor({ timeout: 90_000 });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('broken.frontline-sso.json');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
  ok = true;
  console.log('✔ the packaged extension installs, activates and lints\n1 passed, 0 failed');
} catch (err) {
  console.log(`✘ the packaged extension: ${err.message}\n0 passed, 1 failed`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(extensionsDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
