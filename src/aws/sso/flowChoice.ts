/**
 * Which sign-in flow to use. The browser flow (authorization code with PKCE, docs/domain.md §5) sends the browser to
 * `http://127.0.0.1:<port>/oauth/callback`, which only works when the browser and the process listening there are
 * on the same machine. Device authorization works everywhere: the user confirms a code on any device.
 * No SDK or vscode import: the extension and the CLI both decide here.
 */
export type SignInFlow = 'browser' | 'device';

/** The `frontlineSso.signIn.flow` setting. */
export type FlowSetting = 'auto' | 'browser' | 'device';

export interface FlowChoice {
  flow: SignInFlow;
  /** Why, for the log (and for the CLI's stderr when it falls back to a device code). */
  reason: string;
}

/**
 * In VS Code: the browser flow in desktop VS Code on the local machine, a device code in a remote window (SSH, WSL,
 * a container, Codespaces: the listener would be on the remote machine) and in VS Code for the Web or code-server
 * (the browser may be anywhere). `uiKind` and `remoteName` are `vscode.env.uiKind` and `vscode.env.remoteName`.
 */
export function extensionFlow(
  env: { uiKind: 'desktop' | 'web'; remoteName: string | undefined },
  setting: FlowSetting | undefined,
): FlowChoice {
  if (setting === 'browser' || setting === 'device')
    return { flow: setting, reason: `frontlineSso.signIn.flow is "${setting}"` };
  if (env.uiKind === 'web') return { flow: 'device', reason: 'VS Code runs in a browser (web or code-server)' };
  if (env.remoteName) return { flow: 'device', reason: `a remote window (${env.remoteName})` };
  return { flow: 'browser', reason: 'desktop VS Code on this machine' };
}

/**
 * In a terminal: the browser flow unless `--device` is given, the session is over SSH (the browser is on the other
 * machine), or a Linux or BSD machine has no display to open a browser on.
 */
export function cliFlow(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  device: boolean,
): FlowChoice {
  if (device) return { flow: 'device', reason: '--device' };
  if (env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY)
    return { flow: 'device', reason: 'an SSH session: the browser is on another machine' };
  if (env.CODESPACES === 'true') return { flow: 'device', reason: 'a Codespace: the browser is on another machine' };
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { flow: 'device', reason: 'no display to open a browser on' };
  return { flow: 'browser', reason: 'a local browser' };
}
