import { spawn } from 'node:child_process';
import type { SignInTarget } from '../../aws';
import { cliFlow } from '../../aws/sso/flowChoice';
import { InputError } from '../../core/common/findings';
import { AwsModule, loadAws } from '../../lazyParts';
import { Command, EXIT_OK, Io, OptionValue, printJson, stringOption } from '../io';
import { asInputError } from './awsOptions';

type Aws = AwsModule;

/**
 * `frontline-sso login`: signs in to IAM Identity Center and caches the token where the AWS CLI and SDKs read it
 * (docs/features.md, "Signing in"). Progress and the code to confirm go to standard error; the result to standard output.
 */
export const login: Command = {
  usage: `login                       sign in to IAM Identity Center (the AWS CLI and SDKs use the session too)
                                --sso-session NAME | --profile NAME   what to sign in to (default: AWS_PROFILE, or "default")
                                --device            confirm a code instead of the browser redirect (chosen by
                                                    itself over SSH and without a display)
                                --endpoint URL --timeout SECONDS`,
  options: {
    'sso-session': { type: 'string' },
    profile: { type: 'string' },
    device: { type: 'boolean' },
    endpoint: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run({ options }, io, json) {
    const aws = loadAws();
    const env = io.env ?? process.env;
    const target = await chooseTarget(aws, options, env);
    const choice = cliFlow(env, process.platform, options.device === true);
    if (choice.flow === 'device' && options.device !== true)
      io.stderr(`Using a device code: ${choice.reason}. (--device chooses it directly.)\n`);
    const name = target.sessionName ? `sso-session ${target.sessionName}` : `the start URL ${target.startUrl}`;
    io.stderr(`Signing in to ${name} (${target.startUrl}, ${target.region})…\n`);
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    let waiting = false;
    try {
      const result = await aws.signIn(
        target,
        {
          endpoint: stringOption(options, 'endpoint'),
          timeoutSeconds: stringOption(options, 'timeout'),
          origin: 'cli',
          env,
        },
        {
          flow: choice.flow,
          signal: controller.signal,
          openBrowser: (url) => (choice.flow === 'browser' ? openBrowser(url, io) : undefined),
          showDeviceCode: (code) =>
            io.stderr(
              `\nOpen ${code.verificationUriComplete ?? code.verificationUri}\nand confirm the code: ${code.userCode}\n` +
                `(valid until ${code.expiresAt.toLocaleTimeString('en-GB')}; Ctrl+C cancels)\n\n`,
            ),
          showAuthorizeUrl: (url) =>
            io.stderr(`\nThe browser opens the sign-in page. If it does not, open:\n${url}\n\n(Ctrl+C cancels)\n`),
          progress: (message) => {
            // One line, not one per poll.
            if (message.startsWith('Waiting')) {
              if (waiting) return;
              waiting = true;
            }
            io.stderr(`${message}\n`);
          },
        },
      );
      if (json) {
        printJson(io, {
          ssoSession: target.sessionName ?? null,
          startUrl: target.startUrl,
          region: target.region,
          expiresAt: result.expiresAt,
          cacheFile: result.cacheFile,
        });
      } else {
        io.stdout(
          `Signed in to ${name} until ${result.expiresAt}.\nThe token is cached in ${result.cacheFile}, where the AWS CLI and SDKs find it.\n`,
        );
      }
      return EXIT_OK;
    } catch (err) {
      throw asInputError(err);
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};

async function chooseTarget(
  aws: Aws,
  options: Record<string, OptionValue>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SignInTarget> {
  const session = stringOption(options, 'sso-session');
  const profile = stringOption(options, 'profile');
  if (session !== undefined && profile !== undefined)
    throw new InputError('Pass --sso-session or --profile, not both.');
  const config = await aws.readSsoConfig();
  const known = config.sessions.map((s) => s.sessionName);
  const listed = known.length
    ? `the sessions in ${config.configFile}: ${known.join(', ')}`
    : `${config.configFile} has no [sso-session] yet; add one with "aws configure sso" or VS Code's "Frontline SSO: Sign In to IAM Identity Center"`;
  if (session !== undefined) {
    const found = config.sessions.find((s) => s.sessionName === session);
    if (found) return found;
    const problem = config.problems.find((p) => p.includes(`[sso-session ${session}]`));
    throw new InputError(problem ?? `There is no [sso-session ${session}] (${listed}).`);
  }
  const name = profile ?? env.AWS_PROFILE ?? 'default';
  const found = aws.targetOfProfile(config, name);
  if ('target' in found) return found.target;
  throw new InputError(
    profile === undefined
      ? `Profile ${name} does not sign in through IAM Identity Center. Pass --sso-session NAME (${listed}) or --profile NAME.`
      : found.problem,
  );
}

/** Opens the system browser without a shell (the URL is never interpreted); a failure only means the URL is shown. */
function openBrowser(url: string, io: Io): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => io.stderr(`Could not start a browser (${command}); open the page above yourself.\n`));
    child.unref();
  } catch {
    io.stderr(`Could not start a browser (${command}); open the page above yourself.\n`);
  }
}
