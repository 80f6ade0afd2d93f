// `npm run bench`: what the extension costs, against its floors. Prints a table and writes bench/results.json.
// Each figure is the median of several runs after a warm-up, with min and max.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { IdentityCenter } from '../src/aws/identityCenter';
import { decodeCertificates } from '../src/core/certificates/certificates';
import { lintText } from '../src/core/lint';
import { frontlineConfigSamlExpectations } from '../src/core/providers/saml';
import { checkSamlResponse, decodeSamlInput } from '../src/core/saml/response';
import { EMULATOR_ENV, IdentityCenterEmulator } from '../tools/emulator/server';
import { loadSeed, withGeneratedApplications } from '../tools/emulator/seed';
import { drift } from './drift';
import { hostileInputs } from './hostile';
import { saml } from './saml';
import { signInSection } from './signin';
import { ROOT, figures, record, single, stats, time, timeAsync } from './lib';
import { readiness } from './readiness';
import { web } from './web';

Object.assign(process.env, EMULATOR_ENV);

function activation(): void {
  // Loading and running activate() in a fresh Node process with a stand-in vscode module (the same code the host runs).
  const script = join(ROOT, 'bench', 'activate-probe.cjs');
  const samples = Array.from(
    { length: 9 },
    () =>
      JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as {
        requireMs: number;
        activateMs: number;
        loadedFiles: string[];
      },
  );
  record(
    'activation: require(dist/extension.js)',
    'ms',
    samples.map((s) => s.requireMs),
  );
  record(
    'activation: activate()',
    'ms',
    samples.map((s) => s.activateMs),
    { text: '< 10 ms', ok: (m) => m < 10 },
  );
  const loaded = samples[0]!.loadedFiles;
  single(
    'activation: lazy parts loaded at startup (features.js, saml.js, aws.js)',
    'files',
    loaded.filter((f) => /dist[\\/](features|saml|aws)\.js$/.test(f)).length,
    { text: '0', ok: (v) => v === 0 },
  );
  const sizes = JSON.parse(readFileSync(join(ROOT, 'dist', 'sizes.json'), 'utf8')) as Record<string, number>;
  single('size: startup bundle dist/extension.js', 'KiB', (sizes['dist/extension.js'] ?? 0) / 1024, {
    text: '<= 60 KiB',
    ok: (v) => v <= 60,
  });
  single('size: lazy dist/features.js (every feature once used)', 'KiB', (sizes['dist/features.js'] ?? 0) / 1024);
  single('size: lazy dist/saml.js (XML, signatures)', 'KiB', (sizes['dist/saml.js'] ?? 0) / 1024);
  single('size: lazy dist/aws.js (AWS SDK)', 'KiB', (sizes['dist/aws.js'] ?? 0) / 1024);
  const vsix = join(ROOT, 'frontline-sso.vsix');
  if (existsSync(vsix)) single('size: frontline-sso.vsix', 'KiB', statSync(vsix).size / 1024);
}

function lint(): void {
  const typical = readFileSync(join(ROOT, 'examples', 'frontline-sso.json'), 'utf8').replace(
    /"certificateFile": "\.\/aws-idc\.pem",\n\s+"metadataFile": "\.\/aws-idc-metadata\.xml"/,
    `"certificate": ${JSON.stringify(readFileSync(join(ROOT, 'examples', 'aws-idc.pem'), 'utf8'))}`,
  );
  const typicalRuns = time(() => lintText(typical, { kind: 'config' }), 30, 10, 20);
  const typicalParse = time(() => parseTree(typical), 30, 10, 20);
  record('lint: typical config (inline certificate)', 'ms', typicalRuns, { text: '< 2 ms', ok: (m) => m < 2 });
  record('lint: jsonc-parser parse of the same text', 'ms', typicalParse);
  const rows = Array.from(
    { length: 10_000 },
    (_, i) => `  { "attribute": "attr${i}", "value": "\${user:email}", "format": "unspecified" }`,
  );
  rows.push(
    '  { "attribute": "Subject", "value": "${user:email}", "format": "emailAddress" }',
    '  { "attribute": "email", "value": "${user:email}", "format": "unspecified" }',
    '  { "attribute": "roles", "value": "agent", "format": "unspecified" }',
  );
  const big = `[\n${rows.join(',\n')}\n]`;
  const bigLint = time(() => lintText(big, { kind: 'mappings' }), 11, 3);
  const bigParse = time(() => parseTree(big), 11, 3);
  record('lint: 10,000-mapping file', 'ms', bigLint);
  record('lint: jsonc-parser parse of the 10,000-mapping file', 'ms', bigParse);
  single('lint: 10,000 mappings, ratio to parse', '×', stats(bigLint).median / stats(bigParse).median, {
    text: '≤ 2×',
    ok: (r) => r <= 2,
  });
  single('lint: typical config, ratio to parse', '×', stats(typicalRuns).median / stats(typicalParse).median);
}

async function tree(): Promise<void> {
  const latency = 50;
  const emulator = new IdentityCenterEmulator(withGeneratedApplications(loadSeed(), 1997), {
    latencyMs: latency,
    pageSize: 100,
  });
  const endpoint = await emulator.start();
  const instanceArn = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';
  try {
    // The floor: the pages must be fetched one after another (each needs the previous NextToken).
    const pages = Math.ceil(2000 / 100);
    const floor = pages * latency;
    const listing = await timeAsync(async () => {
      const api = new IdentityCenter({ region: 'us-east-1', endpoint });
      const apps = await api.listApplications(instanceArn);
      if (apps.length !== 2000) throw new Error(`listed ${apps.length}`);
      api.dispose();
    }, 5);
    record('tree: list 2,000 applications at 50 ms/call', 'ms', listing);
    single('tree: listing, ratio to the sequential page round trips', '×', stats(listing).median / floor, {
      text: '≤ 1.25×',
      ok: (r) => r <= 1.25,
    });

    // Names with the request limiter: 400 distinct principals, 8 in flight, ≤ 20 starts per sliding second.
    emulator.switches.latencyMs = 20;
    const api = new IdentityCenter({ region: 'us-east-1', endpoint });
    emulator.resetStats();
    const ids = Array.from({ length: 60 }, (_, i) => ({
      principalType: 'USER' as const,
      principalId: i % 2 ? 'u-jane' : `u-${i}`,
    }));
    const start = performance.now();
    await Promise.all(ids.map((a) => api.principal('d-9067c0ffee', a)));
    const coldSeconds = (performance.now() - start) / 1000;
    const distinct = new Set(ids.map((a) => a.principalId)).size;
    single('tree: names resolved per second (uncached, throttle-bound)', '/s', distinct / coldSeconds);
    single('tree: peak requests per second seen by the service', 'req/s', emulator.stats.peakRequestsPerSecond, {
      text: '≤ 20',
      ok: (v) => v <= 20,
    });
    single('tree: most requests in flight', 'req', emulator.stats.maxInFlight, { text: '≤ 8', ok: (v) => v <= 8 });
    const warm = performance.now();
    await Promise.all(ids.map((a) => api.principal('d-9067c0ffee', a)));
    single(
      'tree: names resolved per second (cached per identity store)',
      '/s',
      ids.length / ((performance.now() - warm) / 1000),
    );
    api.dispose();
  } finally {
    await emulator.stop();
  }
}

async function certificatesAndSaml(): Promise<void> {
  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  if (existsSync(bundle)) {
    // The bundle is decoded whole, as `frontline-sso cert` decodes it (MAX_CERTIFICATES is far above any bundle).
    const text = readFileSync(bundle, 'utf8');
    const blocks = (text.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
    const decodeAll = () => decodeCertificates(text).length;
    const count = decodeAll();
    if (count !== blocks) throw new Error(`the CA bundle has ${blocks} certificates, ${count} were decoded`);
    const runs = time(decodeAll, 7, 2);
    record(
      `certificates: decode Debian's CA bundle (${count} certificates), per certificate`,
      'ms',
      runs.map((r) => r / count),
    );
    record(`certificates: decode Debian's CA bundle whole (${count} certificates)`, 'ms', runs);
  }
  const xml = decodeSamlInput(readFileSync(join(ROOT, 'test', 'fixtures', 'saml', 'valid.b64'), 'utf8'));
  const cert = readFileSync(join(ROOT, 'test', 'fixtures', 'idp', 'idp.pem'), 'utf8');
  const at = new Date('2026-12-01T12:01:00Z');
  record(
    'saml: decode and check a signed response (2 signatures verified)',
    'ms',
    await timeAsync(
      () =>
        checkSamlResponse(
          xml,
          frontlineConfigSamlExpectations({ realmSid: 'JB0123456789abcdef0123456789abcdef', certificatePem: cert }),
          at,
        ),
      30,
      5,
    ),
  );
}

async function memory(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const config = readFileSync(join(ROOT, 'examples', 'broken.frontline-sso.json'), 'utf8');
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const base = heap();
  const after: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 200; i++) lintText(config, { kind: 'config' });
    after.push(heap() - base);
  }
  record('memory: heap growth over 1,000 lint runs (5 checkpoints)', 'MiB', after, {
    text: 'flat (< 2 MiB)',
    ok: () => Math.max(...after) < 2,
  });

  const emulator = new IdentityCenterEmulator(withGeneratedApplications(loadSeed(), 200), { pageSize: 100 });
  const endpoint = await emulator.start();
  try {
    const treeBase = heap();
    const growth: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) {
        // A refresh: a new session, the instance and its applications listed, the session disposed.
        const api = new IdentityCenter({ region: 'us-east-1', endpoint });
        const [instance] = await api.listInstances();
        await api.listApplications(instance!.instanceArn);
        api.dispose();
      }
      growth.push(heap() - treeBase);
    }
    record('memory: heap growth over 100 tree refreshes (5 checkpoints)', 'MiB', growth, {
      text: 'flat (< 5 MiB)',
      ok: () => Math.max(...growth) < 5,
    });
  } finally {
    await emulator.stop();
  }
}

/** Figures from inside a real VS Code (code-server): test/host-bench/host.bench.ts, run by vscode-test. */
function extensionHost(): void {
  if (!existsSync(join(ROOT, '.vscode-test', 'code-server-4.139.1'))) {
    console.log('(Extension-host figures skipped: run npm run vscode:install first.)');
    return;
  }
  const file = join(ROOT, 'out', 'host-bench.json');
  const runHost = (out: string, ...args: string[]) => {
    execFileSync('npx', ['vscode-test', '--label', 'benchmarks', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, FRONTLINE_SSO_BENCH_OUT: out },
    });
    return JSON.parse(readFileSync(out, 'utf8')) as Record<string, number[]>;
  };
  const host = runHost(file);
  // A window activates the extension once, and a single start-up is noisy: four more fresh windows, activation only.
  const ACTIVATION = 'host: activate() in VS Code';
  for (let i = 0; i < 4; i++) {
    const again = runHost(join(ROOT, 'out', `host-bench-activation-${i}.json`), '--grep', 'activation in the host');
    host[ACTIVATION] = [...(host[ACTIVATION] ?? []), ...(again[ACTIVATION] ?? [])];
  }
  for (const [name, values] of Object.entries(host)) {
    if (name.includes('heap growth'))
      record(name.replace(/ \(MiB.*\)/, ''), 'MiB', values, {
        text: 'flat (< 3 MiB)',
        ok: () => Math.max(...values) < 3,
      });
    else
      record(
        name,
        'ms',
        values,
        name.includes('diagnostics')
          ? { text: '< 400 ms', ok: (m) => m < 400 }
          : name === ACTIVATION
            ? { text: '≤ 10 ms', ok: (m) => m <= 10 }
            : undefined,
      );
  }
}

/** The sections, in the order they run. A new area adds its module here. */
const SECTIONS: Array<() => unknown> = [
  activation,
  extensionHost,
  lint,
  tree,
  readiness,
  certificatesAndSaml,
  memory,
  hostileInputs,
  drift,
  saml,
  signInSection,
  web,
];

async function main(): Promise<void> {
  for (const section of SECTIONS) await section();
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
    date: new Date().toISOString(),
  };
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`Machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
  for (const f of figures) {
    const value = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
    const spread = f.runs > 1 ? `  (min ${value(f.min)}, max ${value(f.max)}, ${f.runs} runs)` : '';
    const target = f.target ? `  target ${f.target}: ${f.ok ? 'met' : 'MISSED'}` : '';
    console.log(`${f.name.padEnd(width)}  ${value(f.median).padStart(9)} ${f.unit}${spread}${target}`);
  }
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify({ machine, figures }, null, 2) + '\n');
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
