// The extension in the browser (vscode.dev, github.dev): the web bundle's size against the desktop's startup and
// features bundles, and, from inside code-server's web-worker extension host (bench/web-probe.ts, run by
// scripts/vscode-host/web.mjs --bench in fresh windows), activation and the linter on the typical config.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, figures, record, single, stats } from './lib';

const WINDOWS = 5;

export function web(): void {
  const sizes = JSON.parse(readFileSync(join(ROOT, 'dist', 'sizes.json'), 'utf8')) as Record<string, number>;
  const desktop = ((sizes['dist/extension.js'] ?? 0) + (sizes['dist/features.js'] ?? 0)) / 1024;
  single(
    'size: web bundle dist/web/extension.js (every browser feature)',
    'KiB',
    (sizes['dist/web/extension.js'] ?? 0) / 1024,
    {
      text: `<= startup + features (${desktop.toFixed(0)} KiB)`,
      ok: (v) => v <= desktop,
    },
  );
  const cache = process.env.FRONTLINE_SSO_VSCODE_CACHE ?? join(ROOT, '.vscode-test');
  if (!existsSync(join(cache, 'code-server-4.139.1'))) {
    console.log('(Web-worker figures skipped: run npm run vscode:install first.)');
    return;
  }
  const out = join(ROOT, 'out', 'web-bench.json');
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts', 'vscode-host', 'web.mjs'), '--bench', out, '--runs', String(WINDOWS)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const worker = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { unit: string; values: number[] }>;
  for (const [name, { unit, values }] of Object.entries(worker)) {
    record(name, unit, values, name.includes('activate') ? { text: '≤ 10 ms', ok: (m) => m <= 10 } : undefined);
  }
  // The same lint in Node, measured by the lint section (bench/run.ts) earlier in this run.
  const node = figures.find((f) => f.name === 'lint: typical config (inline certificate)');
  const inWorker = worker['web: lint typical config in the web worker'];
  if (node && inWorker)
    single('web: lint typical config, worker ÷ Node', '×', stats(inWorker.values).median / node.median);
}
