#!/usr/bin/env node
// `npm start`: a real VS Code (code-server) with this extension on examples/, and the IAM Identity Center emulator
// behind the sidebar tree, so the whole extension can be tried with no AWS account. Ctrl+C stops everything.
// PORT=8080 npm start picks the port (default: 8080, or a free one).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE, ROOT, installed } from './vscode-host/install.mjs';
import { freePort, startCodeServer } from './vscode-host/code-server.mjs';

if (!installed()) {
  const install = spawnSync(process.execPath, [join(ROOT, 'scripts', 'vscode-host', 'install.mjs')], {
    stdio: 'inherit',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

// The emulator, on a free port; its first line says where.
const emulator = spawn(process.execPath, [join(ROOT, 'dist', 'emulator.js'), '--port', String(await freePort())], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const endpoint = await new Promise((resolve, reject) => {
  emulator.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
  emulator.stdout.once('data', (chunk) => resolve(/http:\/\/[\d.]+:\d+/.exec(chunk.toString())?.[0]));
});

// Loaded as an installed extension (a link to this folder), so notifications show as they do for users.
const extensionsDir = join(CACHE, 'start-extensions');
rmSync(extensionsDir, { recursive: true, force: true });
mkdirSync(extensionsDir, { recursive: true });
const { publisher, name, version } = (await import(join(ROOT, 'package.json'), { with: { type: 'json' } })).default;
symlinkSync(ROOT, join(extensionsDir, `${publisher}.${name}-${version}`));

// A home folder of its own: signing in to the emulator writes ~/.aws/sso/cache and ~/.aws/config, which must not
// touch the real ones. It starts with one session on the emulator (Sign In to IAM Identity Center → emulator).
const home = mkdtempSync(join(tmpdir(), 'frontline-sso-start-home-'));
mkdirSync(join(home, '.aws'));
writeFileSync(
  join(home, '.aws', 'config'),
  `# The emulator's IAM Identity Center: sign in, then Choose Account and Role.\n[sso-session emulator]\nsso_start_url = ${endpoint}/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
);

const server = await startCodeServer({
  port: Number(process.env.PORT) || undefined,
  smokeTestDriver: false,
  extensionsDir,
  settings: { 'frontlineSso.aws.endpoint': endpoint, 'frontlineSso.aws.region': 'us-east-1' },
  // EMULATOR_ENV of tools/emulator/server.ts; the emulator runs here as its own built process, not as a module.
  env: {
    HOME: home,
    USERPROFILE: home,
    AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
});
const url = `${server.url}/?folder=${encodeURIComponent(join(ROOT, 'examples'))}`;
process.stdout.write(`
  Frontline SSO in VS Code: ${url}

  The workspace is examples/ (broken.frontline-sso.json shows the linter at work).
  The Frontline SSO sidebar lists applications from the local emulator at ${endpoint}.
  Sign In to IAM Identity Center works against it too: confirm the code on the page it opens (home: ${home}).
  After a code change: npm run build, then "Developer: Reload Window". Ctrl+C stops everything.
`);

const stop = async () => {
  emulator.kill();
  await server.stop();
  rmSync(extensionsDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
