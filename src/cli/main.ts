import { parseArgs } from 'node:util';
import { isInputError } from '../core/common/findings';
import { readStreamBounded } from '../io/files';
import { COMMANDS } from './commands';
import { EXIT_INPUT, EXIT_OK, Io } from './io';

/** `frontline-sso`: the extension's checks for CI pipelines. Output and exit codes: docs/cli.md. */

function usage(): string {
  return `Usage: frontline-sso <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

Every command takes --json. Exit status: 0 no errors, 1 error findings, 2 unreadable input.
--debug (or FRONTLINE_SSO_DEBUG=1) prints the stack trace of an unexpected failure.`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage() + '\n');
    return name ? EXIT_OK : EXIT_INPUT;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`frontline-sso: unknown command "${name.slice(0, 40)}". Run frontline-sso --help.\n`);
    return EXIT_INPUT;
  }
  const debug = rest.includes('--debug') || io.env?.FRONTLINE_SSO_DEBUG === '1';
  try {
    const { positionals, values } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, debug: { type: 'boolean' }, ...command.options },
    });
    return await command.run({ positionals, options: values }, io, values.json === true);
  } catch (err) {
    if (isInputError(err) || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`frontline-sso ${name}: ${(err as Error).message.split('\n')[0]}\n`);
      return EXIT_INPUT;
    }
    // A bug, not the user's input: one line unless asked for the details.
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    io.stderr(
      debug
        ? `frontline-sso ${name}: unexpected failure: ${(err as Error)?.stack ?? message}\n`
        : `frontline-sso ${name}: unexpected failure: ${message} (run with --debug for details, and please report it)\n`,
    );
    return EXIT_INPUT;
  }
}

if (require.main === module) {
  // The AWS SDK's notice about Node versions is for developers, not for the users of this command (the README says
  // which Node versions are supported).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: (maxBytes) => readStreamBounded(process.stdin, maxBytes),
    cwd: process.cwd(),
    now: () => new Date(),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`frontline-sso: unexpected failure: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = EXIT_INPUT;
    },
  );
}
