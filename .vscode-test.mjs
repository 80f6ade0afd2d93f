// Extension-host tests (@vscode/test-cli). Here and in CI they run in code-server through
// scripts/vscode-host/code.mjs; with VSCODE_DESKTOP=1 they run in a desktop VS Code downloaded the usual way.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { refreshExampleCertificate } from './scripts/vscode-host/fresh-certificate.mjs';

// Each run gets a fresh copy of the example workspace, since the suites edit and save files in it.
const workspace = mkdtempSync(join(tmpdir(), 'frontline-sso-host-'));
cpSync('examples', workspace, { recursive: true });
cpSync('test/fixtures/saml/valid.b64', join(workspace, 'captured-response.b64'));
refreshExampleCertificate(workspace);

// A second copy for the Restricted Mode suite, which runs in a window whose folder is not trusted.
const restrictedWorkspace = mkdtempSync(join(tmpdir(), 'frontline-sso-restricted-'));
cpSync('examples', restrictedWorkspace, { recursive: true });
refreshExampleCertificate(restrictedWorkspace);

const common = {
  workspaceFolder: workspace,
  mocha: {
    ui: 'bdd',
    timeout: 120_000,
    color: false,
    reporter: resolve('scripts/vscode-host/file-reporter.cjs'),
    // A forgotten .only must not let CI pass on a fraction of the suite.
    forbidOnly: Boolean(process.env.CI),
  },
  ...(process.env.VSCODE_DESKTOP ? {} : { useInstallation: { fromPath: 'scripts/vscode-host/code.mjs' } }),
};

export default defineConfig([
  { label: 'extension host', files: 'out/test/host/**/*.test.js', ...common },
  {
    label: 'restricted mode',
    files: 'out/test/host-restricted/**/*.test.js',
    ...common,
    workspaceFolder: restrictedWorkspace,
    env: { FRONTLINE_SSO_RESTRICTED: '1' },
  },
  // Run by `npm run bench` (vscode-test --label benchmarks), not by `npm test`.
  { label: 'benchmarks', files: 'out/test/host-bench/**/*.bench.js', ...common },
]);
