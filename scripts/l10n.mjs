// The runtime strings bundle (l10n/bundle.l10n.json) from the vscode.l10n.t calls in src/, by @vscode/l10n-dev.
// `node scripts/l10n.mjs --check` fails when the committed bundle is stale (run by npm run lint).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const out = mkdtempSync(join(tmpdir(), 'frontline-sso-l10n-'));
try {
  const r = spawnSync(
    process.execPath,
    ['node_modules/@vscode/l10n-dev/dist/cli.js', 'export', '--outDir', out, './src'],
    {
      encoding: 'utf8',
    },
  );
  // Exporting to a temporary folder makes the tool warn that package.json's l10n points elsewhere: expected here.
  const problems = r.stderr.split('\n').filter((l) => l.trim() && !/l10n property in the package\.json/.test(l));
  if (r.status !== 0 || problems.length) {
    console.error(problems.join('\n') || `l10n-dev exited with ${r.status}`);
    process.exit(1);
  }
  const bundle = readFileSync(join(out, 'bundle.l10n.json'), 'utf8');
  const committed = (() => {
    try {
      return readFileSync('l10n/bundle.l10n.json', 'utf8');
    } catch {
      return '';
    }
  })();
  if (check) {
    if (bundle !== committed) {
      console.error('l10n/bundle.l10n.json is stale: run npm run l10n and commit the result.');
      process.exit(1);
    }
  } else {
    writeFileSync('l10n/bundle.l10n.json', bundle);
    console.log(`l10n/bundle.l10n.json: ${Object.keys(JSON.parse(bundle)).length} strings`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
