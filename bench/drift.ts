// The live metadata check: what it costs beyond the fetch, and whether it ever delays the local diagnostics.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDriftCheck } from '../src/core/drift/drift';
import { fetchLiveMetadata, fetchMetadata } from '../src/io/fetchMetadata';
import { readReferencedFiles } from '../src/io/configFiles';
import { parseIdpMetadata } from '../src/core/saml/metadata';
import { IdentityCenterEmulator } from '../tools/emulator/server';
import { loadSeed } from '../tools/emulator/seed';
import { ROOT, record, single, stats, timeAsync } from './lib';

export const HOST_OPEN_OFF = 'host: local diagnostics after opening a config, live check off';
export const HOST_OPEN_ON = 'host: local diagnostics after opening a config, live check on';

export async function drift(): Promise<void> {
  const emulator = new IdentityCenterEmulator(loadSeed());
  const origin = await emulator.start();
  try {
    const configPath = join(ROOT, 'examples', 'frontline-sso.json');
    const text = readFileSync(configPath, 'utf8');
    const files = await readReferencedFiles(text, join(ROOT, 'examples'));
    const urlOptions = { metadataUrl: origin };
    let url = '';
    await runDriftCheck({
      text,
      files,
      now: new Date(),
      urlOptions,
      outcomeFor: async (target) => {
        url = target.url;
        return undefined;
      },
    });
    // Both without an HTTP cache: every run is a full GET, so the difference is the check itself.
    const fetchOnly = await timeAsync(async () => {
      const r = await fetchMetadata(url, { allowLoopback: true });
      if (!r.ok) throw new Error(r.message);
    }, 40);
    emulator.switches.metadataSecondCertificate = true;
    const whole = await timeAsync(async () => {
      const report = await runDriftCheck({
        text,
        files,
        now: new Date(),
        urlOptions,
        outcomeFor: (target) => fetchLiveMetadata(target.url, { allowLoopback: true }, parseIdpMetadata),
      });
      if (report.findings[0]?.code !== 'drift-rotation') throw new Error(JSON.stringify(report.findings));
    }, 40);
    record('drift: fetch the metadata from the local emulator', 'ms', fetchOnly);
    record('drift: whole check (fetch, parse, compare, rotation found)', 'ms', whole);
    single('drift: check beyond the fetch', 'ms', stats(whole).median - stats(fetchOnly).median, {
      text: '≤ 50 ms',
      ok: (v) => v <= 50,
    });
  } finally {
    await emulator.stop();
  }

  // Written by test/host-bench/host.bench.ts in the extensionHost section, which runs first.
  const hostFile = join(ROOT, 'out', 'host-bench.json');
  if (!existsSync(hostFile)) return;
  const host = JSON.parse(readFileSync(hostFile, 'utf8')) as Record<string, number[]>;
  const off = host[HOST_OPEN_OFF];
  const on = host[HOST_OPEN_ON];
  if (!off || !on) return;
  // The medians of one run, interleaved; a few milliseconds either way is the host's own noise.
  single('host: opening a config, live check on minus off', 'ms', stats(on).median - stats(off).median, {
    text: '≤ 0 ms (± 5 ms noise)',
    ok: (v) => v <= 5,
  });
}
