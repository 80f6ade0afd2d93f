#!/usr/bin/env node
// npm run test:web: the extension in VS Code's browser extension host (as in vscode.dev and github.dev), offline.
// Builds the web-worker suite (test/web → dist/test/web.js), starts code-server with the extension set to run in the
// browser's web worker (the user setting remote.extensionKind), opens the workbench in headless Chromium with the
// extension in development mode and the suite as its tests, collects the suite's `[mocha-web]` lines from the page's
// console, and exits with the suite's result. Then checks what the suite cannot see from inside the worker: the
// desktop-only commands are not in the Command Palette, and the sidebar explains what to do.
//   --vsix   the same, with the packaged frontline-sso.vsix installed into code-server (npm run package first)
//   --bench <file.json> [--runs N]   instead of the suite, the web benchmarks' probe (bench/web-probe.ts) in N fresh
//            windows (default 5): its figures, by name, written to the file (read by npm run bench)
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CODE_SERVER_ENTRY, NODE24, ROOT, installed } from './install.mjs';
import { CHROMIUM_ARGS, startCodeServer, workbenchUrl } from './code-server.mjs';
import { checks } from './checks.mjs';
import { refreshExampleCertificate } from './fresh-certificate.mjs';
import { webBundle } from '../web-build.mjs';

export const EXTENSION_ID = 'frontline-sso-tools.frontline-sso';
/** The user setting that makes code-server run the extension (which has `main` and `browser`) in the web worker. */
export const WEB_EXTENSION_KIND = { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } };
const TIMEOUT_MS = Number(process.env.FRONTLINE_SSO_HOST_TIMEOUT_MS ?? 5 * 60_000);
const VERBOSE = process.env.FRONTLINE_SSO_HOST_VERBOSE === '1';

/**
 * mocha's browser build is a UMD file: bundled as CommonJS it would take the `module.exports` branch and leave
 * `this` undefined. Wrapped in a function called with `globalThis`, it takes its browser branch and sets
 * `globalThis.mocha`, which the wrapper exports.
 */
const mochaBrowserBuild = {
  name: 'mocha-browser-build',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      return {
        contents: `(function (module, exports, define) {\n${source}\n}).call(globalThis, undefined, undefined, undefined);\nexport default globalThis.mocha;\n`,
        loader: 'js',
      };
    });
  },
};

/** Builds the web-worker suite into `<extension>/dist/test/web.js`: the suite must sit inside the extension folder. */
export async function buildWebSuite(extensionFolder = ROOT) {
  const outfile = join(extensionFolder, 'dist', 'test', 'web.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'web', 'index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    outfile,
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [mochaBrowserBuild],
  });
  return outfile;
}

/** A fresh copy of the example workspace, with a captured SAML response and a certificate valid today. */
export function webWorkspace() {
  const workspace = mkdtempSync(join(tmpdir(), 'frontline-sso-web-'));
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  cpSync(join(ROOT, 'test', 'fixtures', 'saml', 'valid.b64'), join(workspace, 'captured-response.b64'));
  refreshExampleCertificate(workspace);
  return workspace;
}

/** Installs the packaged .vsix into a new extensions folder and returns the installed extension's folder. */
export function installVsix(vsix, extensionsDir) {
  const install = spawnSync(
    NODE24,
    [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    {
      encoding: 'utf8',
    },
  );
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`Installing the .vsix failed:\n${install.stdout}${install.stderr}`);
  }
  const folder = readdirSync(extensionsDir).find((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (!folder) throw new Error(`The .vsix installed no ${EXTENSION_ID} folder in ${extensionsDir}`);
  return join(extensionsDir, folder);
}

/**
 * Opens the workbench with the extension in development mode and `tests` as its extensionTestsPath, in the browser
 * extension host. Resolves with the page, the suite's exit code, and the suite's events, once the suite settles.
 * `onLine` receives each `[mocha-web]` event as it arrives.
 */
export async function runInWebWorker({ extensionFolder, tests, workspace, extensionsDir, onEvent }) {
  const server = await startCodeServer({
    settings: WEB_EXTENSION_KIND,
    extensionsDir,
    log: VERBOSE ? (l) => process.stderr.write(l) : undefined,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const stop = async () => {
    await browser.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const events = [];
    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    page.on('console', (msg) => {
      const text = msg.text();
      // The worker's console reaches the page prefixed and styled: the event is the JSON after the marker.
      const at = text.indexOf('[mocha-web] ');
      if (at >= 0) {
        try {
          const event = JSON.parse(text.slice(at + '[mocha-web] '.length).replace(/(%c|\s+color:[^;]*;?)+$/g, ''));
          events.push(event);
          onEvent?.(event);
        } catch {
          if (VERBOSE) console.log(`[workbench] ${text}`);
        }
      } else if (VERBOSE) console.log(`[workbench] ${text}`);
    });
    await page.goto(
      workbenchUrl(server.port, {
        folder: workspace,
        extensionDevelopmentPath: extensionFolder,
        extensionTestsPath: tests,
      }),
    );
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exitCode, timeout]);
    return { page, code: code === 'timeout' ? undefined : code, events, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** What the suite cannot check from inside the worker: the Command Palette and the sidebar, as the user sees them. */
async function checkWorkbench(page, check) {
  const paletteRows = async (query) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${query}`);
    await page.waitForTimeout(800);
    const rows = await page
      .locator('.quick-input-list .monaco-list-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    await page.keyboard.press('Escape');
    return rows;
  };
  await check('the Command Palette offers the browser features and hides the desktop-only commands', async () => {
    const rows = await paletteRows('Frontline SSO: ');
    for (const title of ['Open Configurator', 'Decode SAML Response', 'Generate ACS URL and Audience']) {
      if (!rows.some((r) => r.includes(title))) throw new Error(`"${title}" missing among: ${rows.join(' | ')}`);
    }
    for (const title of [
      'Sign In to IAM Identity Center',
      'Check Live Metadata',
      'Choose AWS Profile',
      'Refresh Applications',
    ]) {
      if (rows.some((r) => r.includes(title)))
        throw new Error(`"${title}" offered in the browser: ${rows.join(' | ')}`);
    }
  });
  await check('the sidebar says to open the folder in desktop VS Code', async () => {
    await page.locator('.part.activitybar .action-item a[aria-label^="Frontline SSO"]').click();
    await page
      .locator('.welcome-view-content', {
        hasText: 'Open this folder in desktop VS Code to browse IAM Identity Center',
      })
      .waitFor({ timeout: 20_000 });
  });
}

/**
 * The web benchmarks: the probe, bundled as the extension is (scripts/web-build.mjs), in `runs` fresh windows, each
 * activating the extension once. Returns the figures by name, every window's samples together.
 */
export async function webBench(runs = 5) {
  const probe = join(ROOT, 'dist', 'test', 'web-bench.js');
  await esbuild.build(
    webBundle({
      entryPoints: [join(ROOT, 'bench', 'web-probe.ts')],
      outfile: probe,
      sourcemap: false,
      logLevel: 'warning',
    }),
  );
  const figures = {};
  try {
    for (let i = 0; i < runs; i++) {
      const workspace = webWorkspace();
      let run;
      try {
        run = await runInWebWorker({ extensionFolder: ROOT, tests: probe, workspace });
        if (run.code !== 0) throw new Error(`the web probe failed (exit code ${run.code ?? 'none: timed out'})`);
        for (const e of run.events.filter((e) => e.event === 'figure')) {
          figures[e.name] = { unit: e.unit, values: [...(figures[e.name]?.values ?? []), ...e.values] };
        }
      } finally {
        await run?.stop();
        rmSync(workspace, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(join(ROOT, 'dist', 'test'), { recursive: true, force: true });
  }
  return figures;
}

async function main() {
  if (!installed()) {
    console.error(
      'The VS Code host is not installed yet: run "node scripts/vscode-host/install.mjs" (npm run vscode:install).',
    );
    return 2;
  }
  const benchAt = process.argv.indexOf('--bench');
  if (benchAt >= 0) {
    const out = process.argv[benchAt + 1];
    const runsAt = process.argv.indexOf('--runs');
    if (!out) {
      console.error('Usage: web.mjs --bench <file.json> [--runs N]');
      return 2;
    }
    writeFileSync(out, JSON.stringify(await webBench(runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 5), null, 2));
    return 0;
  }
  const fromVsix = process.argv.includes('--vsix');
  const cleanup = [];
  const { results, check, summary } = checks();
  try {
    let extensionFolder = ROOT;
    let extensionsDir;
    if (fromVsix) {
      const vsix = join(ROOT, 'frontline-sso.vsix');
      if (!existsSync(vsix)) {
        console.error('frontline-sso.vsix is missing: run npm run package first.');
        return 2;
      }
      extensionsDir = mkdtempSync(join(tmpdir(), 'frontline-sso-web-vsix-'));
      cleanup.push(() => rmSync(extensionsDir, { recursive: true, force: true }));
      extensionFolder = installVsix(vsix, extensionsDir);
      console.log(`Installed frontline-sso.vsix into ${extensionFolder}`);
    } else if (!existsSync(join(ROOT, 'dist', 'web', 'extension.js'))) {
      console.error('dist/web/extension.js is missing: run npm run build first.');
      return 2;
    }
    const tests = await buildWebSuite(extensionFolder);
    if (!fromVsix) cleanup.push(() => rmSync(join(ROOT, 'dist', 'test'), { recursive: true, force: true }));
    mkdirSync(join(extensionFolder, 'dist', 'test'), { recursive: true });
    const workspace = webWorkspace();
    cleanup.push(() => rmSync(workspace, { recursive: true, force: true }));
    const run = await runInWebWorker({
      extensionFolder,
      tests,
      workspace,
      extensionsDir,
      onEvent: (e) => {
        if (e.event === 'pass') console.log(`✔ ${e.title} (${e.ms} ms)`);
        else if (e.event === 'fail') console.log(`✘ ${e.title}\n    ${e.message}`);
        else if (e.event === 'pending') console.log(`- ${e.title} (skipped)`);
      },
    });
    cleanup.push(run.stop);
    if (run.code === undefined) console.log(`✘ the web suite did not finish within ${TIMEOUT_MS / 1000} s`);
    for (const e of run.events) if (e.event === 'pass' || e.event === 'fail') results.push(e.event === 'pass');
    if (run.code !== 0 && !run.events.some((e) => e.event === 'fail')) results.push(false);
    if (!run.events.some((e) => e.event === 'pass' || e.event === 'fail')) {
      console.log('✘ the web suite reported no test: did the extension and its suite load in the web worker?');
      results.push(false);
    }
    await checkWorkbench(run.page, check);
  } catch (err) {
    console.log(`✘ ${err.message}`);
    results.push(false);
  } finally {
    for (const step of cleanup.reverse()) await step();
  }
  return summary();
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
