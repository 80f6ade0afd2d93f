import * as vscode from 'vscode';
import { lazyCommand } from '../common/lazyCommand';
import { loadFeatures } from '../lazy';
import type { Configurator, ConfiguratorPanel, Configurators, LiveCheck } from './configurator';
import { CONFIGURATOR_VIEW_TYPE } from './ids';

export type { LiveCheck } from './configurator';

/** Open Configurator, and restoring its panel after a reload: the panels' code loads on first use. */
export function registerConfigurator(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  live?: LiveCheck,
): Configurator {
  let configurators: Configurators | undefined;
  const get = () => (configurators ??= new (loadFeatures().configurator.Configurators)(context, log, live));
  lazyCommand(context, log, 'frontlineSso.openConfigurator', vscode.l10n.t('Open Configurator'), (_f, uri) =>
    get().open(uri instanceof vscode.Uri ? uri : undefined),
  );
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CONFIGURATOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, saved) => get().deserialize(panel, saved),
    }),
  );
  return {
    open: (config?: vscode.Uri): Promise<ConfiguratorPanel> => get().open(config),
    get current() {
      return configurators?.current;
    },
  };
}
