// "SAML": checking a large signed response, and every generated attack (tools/generators/samlAttacks.ts) through the
// shipped CLI in its own process, with wall time and peak memory (RSS). Budgets: the 1 MB response ≤ 200 ms and
// ≤ 200 MiB; each hostile case ≤ 1 s and ≤ 256 MiB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontlineConfigSamlExpectations } from '../src/core/providers/saml';
import { checkSamlResponse, decodeSamlInput } from '../src/core/saml/response';
import { CERT_FILE, REALM, attacks, signedResponseOfSize } from '../tools/generators/samlAttacks';
import { ROOT, record, single, timeAsync } from './lib';

const AT = '2026-12-01T12:01:00Z';

/** Runs the CLI on `args` with the peak-RSS probe; returns wall time (ms), peak RSS (MiB) and the exit status. */
function cliRun(args: string[], cwd: string): { ms: number; rssMiB: number; status: number | null } {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--require', join(ROOT, 'bench', 'peak-rss.cjs'), join(ROOT, 'dist', 'cli.js'), ...args],
    { cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], timeout: 60_000, encoding: 'utf8' },
  );
  const ms = performance.now() - start;
  if (r.signal) throw new Error(`frontline-sso ${args[0]} did not finish: ${r.signal}`);
  const rssKiB = (JSON.parse(String(r.output[3] ?? '{}')) as { maxRssKiB?: number }).maxRssKiB ?? NaN;
  return { ms, rssMiB: rssKiB / 1024, status: r.status };
}

export async function saml(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-sso-saml-'));
  try {
    const cert = readFileSync(CERT_FILE, 'utf8');
    const large = signedResponseOfSize(1024 * 1024);
    const expect = frontlineConfigSamlExpectations({ realmSid: REALM, certificatePem: cert });
    const at = new Date(AT);
    const once = await checkSamlResponse(decodeSamlInput(large), expect, at);
    if (once.signature.valid !== true) throw new Error('the generated 1 MB response does not verify');
    record(
      `saml: check a ${(large.length / 1048576).toFixed(1)} MB signed response (decode, parse, 2 signatures, checks)`,
      'ms',
      await timeAsync(() => checkSamlResponse(decodeSamlInput(large), expect, at), 9, 2),
      { text: '≤ 200 ms', ok: (m) => m <= 200 },
    );
    writeFileSync(join(dir, 'large.b64'), Buffer.from(large).toString('base64'));
    const cli = cliRun(['saml', 'large.b64', '--realm', REALM, '--cert', CERT_FILE, '--at', AT, '--json'], dir);
    if (cli.status !== 0) throw new Error(`the CLI ended with ${cli.status} on the 1 MB response`);
    single('saml: 1 MB signed response, peak RSS of the CLI', 'MiB', cli.rssMiB, {
      text: '≤ 200 MiB',
      ok: (v) => v <= 200,
    });
    single('saml: 1 MB signed response, CLI wall time (with Node start-up)', 'ms', cli.ms);

    let slowest = { name: '', ms: 0 };
    let largest = { name: '', rssMiB: 0 };
    let over = 0;
    for (const [i, attack] of attacks().entries()) {
      const file = `attack-${i}.${attack.kind === 'har' ? 'har' : 'xml'}`;
      writeFileSync(join(dir, file), attack.input);
      const args =
        attack.kind === 'metadata'
          ? ['metadata', file]
          : ['saml', file, '--realm', REALM, '--cert', CERT_FILE, '--at', AT, '--json'];
      const r = cliRun(args, dir);
      if (r.status === 0) throw new Error(`hostile SAML input "${attack.name}" was accepted`);
      if (r.ms > 1000 || r.rssMiB > 256) over++;
      single(`saml hostile: ${attack.name} (time)`, 'ms', r.ms, { text: '≤ 1000 ms', ok: (v) => v <= 1000 });
      single(`saml hostile: ${attack.name} (peak RSS)`, 'MiB', r.rssMiB, {
        text: '≤ 256 MiB',
        ok: (v) => v <= 256,
      });
      if (r.ms > slowest.ms) slowest = { name: attack.name, ms: r.ms };
      if (r.rssMiB > largest.rssMiB) largest = { name: attack.name, rssMiB: r.rssMiB };
    }
    single(`saml hostile: slowest case (${slowest.name})`, 'ms', slowest.ms, {
      text: '≤ 1000 ms',
      ok: (v) => v <= 1000,
    });
    single(`saml hostile: largest peak RSS (${largest.name})`, 'MiB', largest.rssMiB, {
      text: '≤ 256 MiB',
      ok: (v) => v <= 256,
    });
    single('saml hostile: cases over budget', 'cases', over, { text: '0', ok: (v) => v === 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
