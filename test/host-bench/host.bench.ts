import { rmSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { EMULATOR_ENV, IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed, withGeneratedApplications } from '../../tools/emulator/seed';
import { api, codeOf, workspaceUri } from '../host/helpers';
import { HOST_OPEN_OFF, HOST_OPEN_ON } from '../../bench/drift';
import { issuerOf, samlIdOf } from '../../tools/emulator/metadata';

// Figures measured inside the extension host (VS Code in code-server); bench/run.ts merges them into its report.
const out = process.env.FRONTLINE_SSO_BENCH_OUT;
const figures: Record<string, number[]> = {};

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

describe('extension host benchmarks', () => {
  after(() => {
    if (out) writeFileSync(out, JSON.stringify(figures, null, 2));
  });

  it('activation in the host', async () => {
    figures['host: activate() in VS Code'] = [(await api()).activationMs];
  });

  it('diagnostics latency after an edit', async () => {
    await api();
    const uri = workspaceUri('broken.frontline-sso.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const count = () => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'realm-sid-length').length;
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      const expectBroken = count() === 0;
      const changed = new Promise<void>((resolve) => {
        const sub = vscode.languages.onDidChangeDiagnostics(() => {
          if (count() > 0 === expectBroken) {
            sub.dispose();
            resolve();
          }
        });
      });
      const start = performance.now();
      // Toggle the first hex digit of the Realm SID ("0"): valid ↔ 33 characters.
      const at = doc.lineAt(2).text.indexOf('JB') + 2;
      await editor.edit((e) =>
        expectBroken ? e.delete(new vscode.Range(2, at, 2, at + 1)) : e.insert(new vscode.Position(2, at), '0'),
      );
      await changed;
      samples.push(performance.now() - start);
    }
    figures['host: diagnostics after an edit (includes the 250 ms debounce)'] = samples.slice(2);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opening a config: the local diagnostics with and without the live check', async () => {
    await api();
    // Every config names its own application, so that each open with the check on makes a real fetch (20 ms).
    const seed = withGeneratedApplications(loadSeed(), 40);
    const emulator = new IdentityCenterEmulator(seed, { latencyMs: 20 });
    const endpoint = await emulator.start();
    const config = vscode.workspace.getConfiguration('frontlineSso');
    await config.update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    const ids = seed.applications.map(samlIdOf).filter((id): id is string => Boolean(id));
    const samples: Record<string, number[]> = { on: [], off: [] };
    const files: string[] = [];
    try {
      for (let i = 0; i < 24; i++) {
        const mode = i % 2 ? 'on' : 'off';
        await config.update('online.checkMetadata', mode === 'on', vscode.ConfigurationTarget.Global);
        await new Promise((r) => setTimeout(r, 300));
        const issuer = issuerOf(seed, ids[i] as string);
        // No workspaceId: the local lint has a warning to show, so "shown" is observable.
        const uri = workspaceUri(`bench-open-${i}.frontline-sso.json`);
        files.push(uri.fsPath);
        writeFileSync(
          uri.fsPath,
          JSON.stringify({
            realmSid: 'JB0123456789abcdef0123456789abcdef',
            identityProvider: { issuer, ssoUrl: issuer },
          }),
        );
        const shown = new Promise<void>((resolve) => {
          const sub = vscode.languages.onDidChangeDiagnostics(() => {
            if (vscode.languages.getDiagnostics(uri).some((d) => d.source === 'frontline-sso')) {
              sub.dispose();
              resolve();
            }
          });
        });
        const start = performance.now();
        await vscode.workspace.openTextDocument(uri);
        await shown;
        samples[mode]!.push(performance.now() - start);
      }
      // Each open with the check on fetched its application (and turning the check on checks the open ones too).
      const fetched = emulator.stats.byOperation.GetSamlMetadata ?? 0;
      if (fetched < 12) throw new Error(`expected a live fetch per open with the check on, saw ${fetched}`);
      figures[HOST_OPEN_OFF] = samples.off!.slice(1);
      figures[HOST_OPEN_ON] = samples.on!.slice(1);
    } finally {
      await config.update('online.checkMetadata', undefined, vscode.ConfigurationTarget.Global);
      await config.update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await emulator.stop();
      for (const f of files) rmSync(f, { force: true });
    }
  });

  it('heap growth after 1,000 lint runs and 100 tree refreshes', async () => {
    const exports = await api();
    const uri = workspaceUri('broken.frontline-sso.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(0, 0, 0, 1);
    const lintGrowth: number[] = [];
    const base = heapMiB();
    for (let round = 0; round < 5; round++) {
      // Each code-action request lints the document in the extension (LintCodeActions).
      for (let i = 0; i < 200; i++)
        await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, range);
      lintGrowth.push(heapMiB() - base);
    }
    figures['host: heap growth over 1,000 lint runs (MiB, 5 checkpoints)'] = lintGrowth;

    Object.assign(process.env, EMULATOR_ENV);
    const emulator = new IdentityCenterEmulator(withGeneratedApplications(loadSeed(), 200), { pageSize: 100 });
    const endpoint = await emulator.start();
    const config = vscode.workspace.getConfiguration('frontlineSso');
    await config.update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    await config.update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    try {
      const provider = exports.tree.provider as unknown as vscode.TreeDataProvider<unknown> & { refresh(): void };
      const expand = async () => {
        const [connection] = (await provider.getChildren()) ?? [];
        const [instance] = (await provider.getChildren(connection)) ?? [];
        const apps = (await provider.getChildren(instance)) ?? [];
        if (apps.length !== 203) throw new Error(`listed ${apps.length} applications`);
      };
      await expand();
      const treeBase = heapMiB();
      const treeGrowth: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 20; i++) {
          provider.refresh();
          await expand();
        }
        treeGrowth.push(heapMiB() - treeBase);
      }
      figures['host: heap growth over 100 tree refreshes (MiB, 5 checkpoints)'] = treeGrowth;
    } finally {
      await config.update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await config.update('aws.region', undefined, vscode.ConfigurationTarget.Global);
      await emulator.stop();
    }
  });
});
