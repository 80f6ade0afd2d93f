#!/usr/bin/env node
// A VS Code "executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): it takes VS Code-style
// arguments (--extensionDevelopmentPath=, --extensionTestsPath=, a folder), runs the suite in code-server driven by
// headless Chromium, streams the suite's output, exits with its code, and always stops what it started.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM, installed } from './install.mjs';
import { CHROMIUM_ARGS, startCodeServer, workbenchUrl } from './code-server.mjs';

const TIMEOUT_MS = Number(process.env.FRONTLINE_SSO_HOST_TIMEOUT_MS ?? 10 * 60_000);
const VERBOSE = process.env.FRONTLINE_SSO_HOST_VERBOSE === '1';

function parseArgs(argv) {
  const options = { extensionDevelopmentPath: undefined, extensionTestsPath: undefined, folder: undefined };
  for (const arg of argv) {
    const m = /^--([\w-]+)=(.*)$/.exec(arg);
    if (m && m[1] === 'extensionDevelopmentPath') options.extensionDevelopmentPath = resolve(m[2]);
    else if (m && m[1] === 'extensionTestsPath') options.extensionTestsPath = resolve(m[2]);
    else if (!arg.startsWith('-') && existsSync(arg) && statSync(arg).isDirectory()) options.folder = resolve(arg);
    // Other VS Code flags (--no-sandbox, --user-data-dir=…, --disable-updates …) have no meaning for code-server.
  }
  return options;
}

/** Console lines from the workbench: the extension host's output is forwarded with styling markers. */
function cleanConsole(text) {
  return text
    .replace(/%c/g, '')
    .replace(/\s*(color|font-weight|background)[^;]*;?/g, '')
    .trim();
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.extensionDevelopmentPath || !options.extensionTestsPath) {
    console.error('Usage: code.mjs --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [folder]');
    return 2;
  }
  if (!installed()) {
    console.error(
      'The VS Code host is not installed yet: run "node scripts/vscode-host/install.mjs" (npm run vscode:install).',
    );
    return 2;
  }
  let server;
  let browser;
  let reportTimer;
  let flushReport = () => undefined;
  const cleanup = async () => {
    clearInterval(reportTimer);
    flushReport();
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  };
  const onSignal = (signal) => {
    console.error(`[vscode-host] ${signal}: stopping code-server and Chromium`);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // The suite's report arrives through a file (see file-reporter.cjs), streamed as it grows.
    const reportFile = join(mkdtempSync(join(tmpdir(), 'frontline-sso-report-')), 'report.txt');
    writeFileSync(reportFile, '');
    let printed = 0;
    const flush = () => {
      const text = readFileSync(reportFile, 'utf8');
      if (text.length > printed) process.stdout.write(text.slice(printed));
      printed = text.length;
    };
    reportTimer = setInterval(flush, 200);
    flushReport = flush;
    server = await startCodeServer({
      env: { FRONTLINE_SSO_HOST_REPORT: reportFile },
      // Suites that check Restricted Mode run in a window whose folder is not trusted.
      restricted: process.env.FRONTLINE_SSO_RESTRICTED === '1',
      log: VERBOSE ? (l) => process.stderr.write(l) : undefined,
    });
    const url = workbenchUrl(server.port, options);
    console.log(`[vscode-host] code-server on ${server.url}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    if (VERBOSE) page.on('console', (msg) => console.log(`[workbench] ${cleanConsole(msg.text())}`));
    await page.goto(url);
    const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), TIMEOUT_MS).unref());
    const result = await Promise.race([exitCode, timeout]);
    if (result === 'timeout') {
      console.error(`[vscode-host] The suite did not finish within ${TIMEOUT_MS / 1000} s.`);
      return 1;
    }
    return result;
  } catch (err) {
    console.error(`[vscode-host] ${err.message}`);
    return 1;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
