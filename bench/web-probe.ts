// The web benchmarks' probe (dist/test/web-bench.js, built and run by `node scripts/vscode-host/web.mjs --bench`):
// loaded as extensionTestsPath in code-server's web-worker extension host, it reports, as `[mocha-web]` figure lines,
// the extension's activation there and the linter's time on the typical config in the worker, where the same
// src/core code runs on the browser's engine and without Node.
import * as vscode from 'vscode';
import { lintText } from '../src/core/lint';
import { time } from './timing';

const emit = (event: Record<string, unknown>) => console.log(`[mocha-web] ${JSON.stringify(event)}`);

export async function run(): Promise<void> {
  if (typeof (globalThis as { process?: unknown }).process !== 'undefined') {
    throw new Error('The web probe measures the browser extension host; it was loaded in a Node host.');
  }
  const extension = vscode.extensions.getExtension<{ activationMs: number; web?: boolean }>(
    'frontline-sso-tools.frontline-sso',
  );
  if (!extension) throw new Error('frontline-sso-tools.frontline-sso is not installed');
  const api = await extension.activate();
  if (!api.web) throw new Error('The extension did not activate from its browser entry.');
  emit({ event: 'figure', name: 'web: activate() in the web worker', unit: 'ms', values: [api.activationMs] });

  // The same typical config as the Node figure (bench/run.ts): the example with its certificate inline.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('The probe runs with the example workspace open.');
  const read = async (name: string) =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
  const typical = (await read('frontline-sso.json')).replace(
    /"certificateFile": "\.\/aws-idc\.pem",\n\s+"metadataFile": "\.\/aws-idc-metadata\.xml"/,
    `"certificate": ${JSON.stringify(await read('aws-idc.pem'))}`,
  );
  if (typical.includes('certificateFile')) throw new Error('The example config no longer has the expected shape.');
  emit({
    event: 'figure',
    name: 'web: lint typical config in the web worker',
    unit: 'ms',
    values: time(() => lintText(typical, { kind: 'config' }), 30, 10, 20),
  });
}
