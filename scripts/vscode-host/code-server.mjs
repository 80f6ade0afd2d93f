// Starts code-server for this project with isolated data folders on a free loopback port, and stops it cleanly.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CACHE, CODE_SERVER_ENTRY, NODE24 } from './install.mjs';

export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Settings for a window in Restricted Mode: workspace trust on, the folder not trusted, and no prompt. */
export const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

/**
 * @param {{ userDataDir?: string, extensionsDir?: string, settings?: object, env?: object, smokeTestDriver?: boolean, port?: number, log?: (line: string) => void, restricted?: boolean }} options
 */
export async function startCodeServer(options = {}) {
  const port = options.port ?? (await freePort());
  mkdirSync(join(CACHE, 'runs'), { recursive: true });
  const runDir = mkdtempSync(join(CACHE, 'runs', 'run-'));
  const dirs = Object.fromEntries(['config', 'data', 'cache', 'tmp'].map((d) => [d, join(runDir, d)]));
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  const userDataDir = options.userDataDir ?? join(runDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  // Every code-server window is remote: machine-scoped settings are read from the Machine file, the rest from User.
  const settings = JSON.stringify(
    { ...QUIET_SETTINGS, ...(options.restricted ? RESTRICTED_SETTINGS : {}), ...options.settings },
    null,
    2,
  );
  writeFileSync(join(userDataDir, 'User', 'settings.json'), settings);
  writeFileSync(join(userDataDir, 'Machine', 'settings.json'), settings);
  writeFileSync(join(runDir, 'config.yaml'), 'auth: none\n');
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.restricted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    '--config',
    join(runDir, 'config.yaml'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    // The smoke-test driver lets a suite report its exit code (codeAutomationExit); it also hides toasts.
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
  ];
  const child = spawn(NODE24, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      TMPDIR: dirs.tmp,
    },
  });
  const output = [];
  const collect = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
    options.log?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  while (true) {
    if (exited) throw new Error(`code-server exited while starting:\n${output.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const until = Date.now() + 5000;
      while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (!exited)
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
    }
    rmSync(runDir, { recursive: true, force: true });
  };
  return { url, port, stop, output, runDir };
}

/** The workbench URL that loads an extension in development mode (and its tests, when given). */
export function workbenchUrl(port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
