// Extension-host tests (@vscode/test-cli). Here and in CI they run in code-server through
// scripts/vscode-host/code.mjs; with VSCODE_DESKTOP=1 they run in a desktop VS Code downloaded the usual way.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Each run gets a fresh copy of the example workspace, since the suites edit and save files in it.
const workspace = mkdtempSync(join(tmpdir(), 'frontline-sso-host-'));
cpSync('examples', workspace, { recursive: true });
cpSync('test/fixtures/saml/valid.b64', join(workspace, 'captured-response.b64'));

const common = {
  workspaceFolder: workspace,
  mocha: { ui: 'bdd', timeout: 120_000, color: false, reporter: resolve('scripts/vscode-host/file-reporter.cjs') },
  ...(process.env.VSCODE_DESKTOP ? {} : { useInstallation: { fromPath: 'scripts/vscode-host/code.mjs' } }),
};

export default defineConfig([
  { label: 'extension host', files: 'out/test/host/**/*.test.js', ...common },
  // Run by `npm run bench` (vscode-test --label benchmarks), not by `npm test`.
  { label: 'benchmarks', files: 'out/test/host-bench/**/*.bench.js', ...common },
]);
