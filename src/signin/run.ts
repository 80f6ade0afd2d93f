import * as vscode from 'vscode';
import type { SignInResult, SignInTarget } from '../aws';
import { SignInFlow } from '../aws/sso/flowChoice';
import { showError, showInfo, showWarning } from '../host/notify';
import { loadAws } from '../lazyParts';
import { awsSettings } from '../host/awsSettings';
import { expiryText } from '../core/signin/signInExpiry';

/** How a target is named in messages. */
export const targetLabel = (t: SignInTarget) => (t.sessionName ? t.sessionName : t.startUrl);

/** The settings the sign-in calls use: the sidebar's endpoint and timeout (docs/configuration.md, "Settings"). */
export function signInSettings() {
  const s = awsSettings();
  return { endpoint: s.endpoint, timeoutSeconds: s.timeoutSeconds, origin: 'extension' as const };
}

const running = new Map<string, Promise<SignInResult | undefined>>();

export interface RunOptions {
  /** The success message offers Choose Account and Role (for sessions already in ~/.aws/config). */
  offerProfile?: boolean;
  /** What follows a successful sign-in, also after a retry from the failure message (a new session's profile). */
  then?: (result: SignInResult) => unknown;
}

export type SignInRunner = (
  target: SignInTarget,
  flow: SignInFlow,
  options?: RunOptions,
) => Promise<SignInResult | undefined>;

/**
 * Signs in with progress in a cancellable notification. The device flow shows the code with a Copy button and
 * opens the verification page; the browser flow opens the sign-in page. Failures are shown with what to do next
 * (try again, or a device code instead of the browser); nothing secret is logged. `onSignedIn` runs after every
 * successful sign-in, retries included. A second sign-in to the same session joins the one under way.
 */
export function signInRunner(log: vscode.LogOutputChannel, onSignedIn: (result: SignInResult) => void): SignInRunner {
  const run: SignInRunner = (target, flow, options = { offerProfile: true }) => {
    const key = `${target.sessionName ?? ''}|${target.startUrl}`;
    const already = running.get(key);
    if (already) {
      void showInfo(
        vscode.l10n.t(
          'A sign-in to {0} is already under way; finish it in the browser, or cancel it.',
          targetLabel(target),
        ),
      );
      return already;
    }
    const started = signInWithProgress(target, flow, options, log, run)
      .then((result) => {
        if (result) {
          onSignedIn(result);
          void Promise.resolve(options.then?.(result)).catch((err: unknown) => log.error('After the sign-in', err));
        }
        return result;
      })
      .finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
  return run;
}

async function signInWithProgress(
  target: SignInTarget,
  flow: SignInFlow,
  options: RunOptions,
  log: vscode.LogOutputChannel,
  retry: SignInRunner,
): Promise<SignInResult | undefined> {
  const label = targetLabel(target);
  let done = false;
  /** Opens a page; when VS Code could not, offers the link to copy (a browser elsewhere may still use it). */
  const open = (url: string) =>
    vscode.env.openExternal(vscode.Uri.parse(url, true)).then(
      (opened) => {
        if (opened || done) return;
        log.info('The browser did not open the sign-in page.');
        void showWarning(vscode.l10n.t('The browser did not open the sign-in page.'), vscode.l10n.t('Copy Link')).then(
          (choice) => (choice ? vscode.env.clipboard.writeText(url) : undefined),
        );
      },
      (err: unknown) => log.warn(`Could not open the browser: ${(err as Error).message}`),
    );
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Signing in to {0}', label),
        cancellable: true,
      },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return loadAws().signIn(target, signInSettings(), {
          flow,
          signal: controller.signal,
          openBrowser: (url) => void open(url),
          showDeviceCode: (code) => {
            progress.report({ message: vscode.l10n.t('confirm the code {0} in the browser.', code.userCode) });
            const copy = vscode.l10n.t('Copy Code');
            const again = vscode.l10n.t('Open Browser Again');
            const offer = (): void => {
              void showInfo(
                vscode.l10n.t(
                  'To sign in to {0}, confirm the code {1} in the browser ({2}).',
                  label,
                  code.userCode,
                  code.verificationUri,
                ),
                copy,
                again,
              ).then(async (choice) => {
                if (choice === copy) {
                  await vscode.env.clipboard.writeText(code.userCode);
                  vscode.window.setStatusBarMessage(
                    `$(copy) ${vscode.l10n.t('Copied the sign-in code {0}', code.userCode)}`,
                    5000,
                  );
                } else if (choice === again && !done) {
                  void open(code.verificationUriComplete ?? code.verificationUri);
                  offer();
                }
              });
            };
            offer();
          },
          progress: (message) => progress.report({ message }),
          log: (line) => log.info(line),
        });
      },
    );
    const signedIn = vscode.l10n.t(
      'Signed in to {0} {1}. The AWS CLI and SDKs use this session too.',
      label,
      expiryText(result.expiresAt),
    );
    if (!target.sessionName || !options.offerProfile) void showInfo(signedIn);
    else
      void showInfo(signedIn, vscode.l10n.t('Choose Account and Role')).then((choice) =>
        choice
          ? vscode.commands.executeCommand('frontlineSso.chooseAccountRole', { ssoSession: target.sessionName })
          : undefined,
      );
    return result;
  } catch (err) {
    const problem = (err as { problem?: { kind: string; message: string } }).problem;
    if (problem?.kind === 'cancelled') return undefined;
    const message = problem?.message ?? (err as Error).message;
    if (!problem) log.error(`Sign-in to ${label} failed`, err);
    const showLog = vscode.l10n.t('Show Log');
    const useDevice = vscode.l10n.t('Use a Device Code');
    const tryAgain = vscode.l10n.t('Try Again');
    void showError(
      vscode.l10n.t('Sign-in to {0} failed: {1}', label, message),
      flow === 'browser' ? useDevice : tryAgain,
      showLog,
    ).then(async (choice) => {
      if (choice === showLog) log.show();
      else if (choice === useDevice) await retry(target, 'device', options);
      else if (choice === tryAgain) await retry(target, flow, options);
    });
    return undefined;
  } finally {
    done = true;
  }
}
