import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import type { LiveCheck } from '../drift/api';
import type { Configurator, ConfiguratorPanel } from './feature';
import { CONFIGURATOR_VIEW_TYPE } from './ids';

/** Open Configurator, and restoring its panel after a reload: the panels' code loads on first use. */
export function registerConfigurator(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  live?: LiveCheck,
): Configurator {
  const configurators = lazyFeature(context, (f) => new f.configurator.Configurators(context, log, live));
  const get = configurators.get;
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
      return configurators.current?.current;
    },
  };
}
