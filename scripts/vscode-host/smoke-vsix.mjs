#!/usr/bin/env node
// Installs the packaged frontline-sso.vsix into a fresh code-server and checks, in the workbench, what a new user sees:
// it activates, the broken example's problems are the expected ones and each is reported once, Show Required IAM
// Policy shows the policy, the Details page shows the README without a broken image, and every relative link in the
// packaged README and docs pages resolves in the .vsix. Catches packaging mistakes (a file left out by
// .vscodeignore, a production-bundle difference) that tests of the development build cannot see.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, ROOT } from './install.mjs';
import { CHROMIUM_ARGS, startCodeServer } from './code-server.mjs';
import { deadLinks, readZip } from '../vsix-links.mjs';
import { checks } from './checks.mjs';

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
const { check, summary } = checks();
await check('every relative link in the packaged README and docs resolves in the .vsix', () => {
  const dead = deadLinks(readZip(readFileSync(vsix)));
  if (dead.length) throw new Error(`dead links: ${dead.join('; ')}`);
});
const server = await startCodeServer({ extensionsDir, smokeTestDriver: false });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const palette = async (page, title) => {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.keyboard.press('Enter');
};
// What the Problems panel shows for the broken example: each problem's code and position (1-based line, column).
const EXPECTED_CODES = [
  'realm-sid-trimmed',
  'sp-acsUrl-swapped',
  'idp-ssoUrl-wrong-endpoint',
  'mapping-unknown-variable',
  'mapping-name-case',
  'mapping-duplicate',
  'mapping-roles-unknown',
];
try {
  const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await check('the packaged extension installs and activates', async () => {
    await page.locator('.part.activitybar .action-item a[aria-label^="Frontline SSO"]').waitFor({ timeout: 90_000 });
  });
  await check('the broken example: the expected problems, each reported once', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('broken.frontline-sso.json');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
    await palette(page, 'View: Focus Problems');
    // The panel maximized so that every row is rendered (the list is virtual); a row's text reads
    // "<message><source><code>[Ln l, Col c]".
    await palette(page, 'View: Toggle Maximized Panel');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const texts = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    await palette(page, 'View: Toggle Maximized Panel');
    const problems = texts
      .map((t) => /(frontline-sso(?: live)?|[a-z]+)([a-z0-9][\w-]*)\[Ln (\d+), Col (\d+)\]$/i.exec(t))
      .filter(Boolean)
      .map((m) => ({ source: m[1], code: m[2], at: `${m[3]}:${m[4]}` }));
    const codes = new Set(problems.map((p) => p.code));
    const missing = EXPECTED_CODES.filter((c) => !codes.has(c));
    if (missing.length) throw new Error(`missing ${missing.join(', ')} among: ${texts.join(' | ')}`);
    const others = problems.filter((p) => !p.source.startsWith('frontline-sso'));
    if (others.length)
      throw new Error(`problems from other sources: ${others.map((p) => `${p.source} ${p.code}`).join(', ')}`);
    // Two problems at one position must be two different rules: the same mistake is never reported twice.
    const keys = problems.map((p) => `${p.at} ${p.code}`);
    const twice = keys.filter((k, n) => keys.indexOf(k) !== n);
    if (twice.length) throw new Error(`reported twice: ${twice.join(', ')}`);
  });
  await check('Show Required IAM Policy shows the policy', async () => {
    await palette(page, 'Frontline SSO: Show Required IAM Policy');
    await page.locator('.tab[aria-label*="IAM policy for Frontline SSO.json"]').waitFor({ timeout: 30_000 });
    await page.locator('.view-lines', { hasText: 'identitystore:DescribeUser' }).first().waitFor({ timeout: 10_000 });
  });
  await check('the Details page shows the README with no broken image', async () => {
    await palette(page, 'Extensions: Show Installed Extensions');
    const row = page.locator('.extensions-viewlet .monaco-list-row[aria-label*="Frontline SSO for AWS"]').first();
    await row.waitFor({ timeout: 30_000 });
    const tab = page.locator('.tab[aria-label*="Extension: Frontline SSO"]');
    for (let attempt = 0; attempt < 5 && (await tab.count()) === 0; attempt++) {
      await row.click();
      await page.waitForTimeout(1000);
    }
    await tab.first().waitFor({ timeout: 10_000 });
    // The Details page is one of the workbench's webview frames: the one that renders the README's heading.
    let readme;
    const deadline = Date.now() + 30_000;
    while (!readme && Date.now() < deadline) {
      for (const frame of page.frames()) {
        if (
          (await frame
            .locator('h1', { hasText: 'Frontline SSO for VS Code' })
            .count()
            .catch(() => 0)) > 0
        )
          readme = frame;
      }
      if (!readme) await page.waitForTimeout(500);
    }
    if (!readme) {
      await page.screenshot({ path: join(tmpdir(), 'frontline-sso-smoke-details.png') });
      throw new Error('the Details page did not show the README');
    }
    // Images load (https, with FRONTLINE_SSO_IMAGES_URL), or the screenshots are captions: never a broken image.
    const images = await readme
      .locator('img')
      .evaluateAll((els) =>
        els.map((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })),
      );
    const broken = images.filter((i) => !i.ok).map((i) => i.src ?? '(source removed)');
    if (broken.length) throw new Error(`broken images: ${broken.join(', ')}`);
    if (!process.env.FRONTLINE_SSO_IMAGES_URL) {
      await readme.locator('em', { hasText: 'Screenshot: The configurator' }).waitFor({ timeout: 5_000 });
    }
  });
} finally {
  await browser.close();
  await server.stop();
  rmSync(extensionsDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
}
process.exitCode = summary();
