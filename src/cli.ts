import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { certificateJson, decodeCertificates, describeKey } from './core/certificates';
import { expectationsFromConfig } from './core/configFile';
import { Finding, InputError, Severity, hasErrors, isInputError, plainFindings } from './core/findings';
import { FileKind, fileKindOf, lintText } from './core/lint';
import { checkRealmSid, frontlineValues } from './core/realm';
import { lineColumn, lineStarts } from './core/text';
import { loadAws, loadSaml } from './lazy';

/** `frontline-sso`: the extension's checks for CI pipelines. Output and exit codes: the README's "Command line" section. */

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_INPUT = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  cwd: string;
  now: () => Date;
}

const USAGE = `Usage: frontline-sso <command> [options]

Commands:
  values <realmSid>           ACS URL and SAML audience for a Frontline Realm SID
  cert <file | ->             decode and check X.509 certificates (PEM, DER or base64)
  metadata <file>             read and check IAM Identity Center SAML metadata
  saml <file | ->             decode and check a SAMLResponse (XML, base64, URL-encoded)
                                --config FILE | --realm SID --issuer URL --cert FILE
                                --at ISO-8601   check times as of this instant
  lint <files...>             lint frontline-sso.json and *.attribute-mappings.json files
                                --kind config|mappings  when the file name does not tell
  apps                        list IAM Identity Center applications
                                --profile NAME --region REGION --endpoint URL

Every command takes --json. Exit status: 0 no errors, 1 error findings, 2 unreadable input.`;

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error  ', warning: 'warning', info: 'info   ' };

function formatFindings(findings: readonly Finding[], indent = '  '): string {
  if (findings.length === 0) return `${indent}✓ no problems found\n`;
  return findings.map((f) => `${indent}${SEVERITY_LABEL[f.severity]} ${f.message} [${f.code}]\n`).join('');
}

function readInput(io: Io, file: string | undefined, what: string): Buffer {
  if (!file) throw new InputError(`Give a ${what} file, or - to read standard input.`);
  try {
    return file === '-' ? io.readStdin() : readFileSync(resolve(io.cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${file}: no such file.`
        : code === 'EISDIR'
          ? `${file} is a folder, not a file.`
          : `${file}: ${(err as Error).message}`,
    );
  }
}

function readerRelativeTo(file: string, cwd: string): (path: string) => Uint8Array {
  const base = dirname(resolve(cwd, file));
  return (path) => readFileSync(resolve(base, path));
}

type Handler = (
  args: { positionals: string[]; options: Record<string, string | boolean | undefined> },
  io: Io,
  json: boolean,
) => Promise<number> | number;

const commands: Record<string, Handler> = {
  values({ positionals }, io, json) {
    const input = positionals[0];
    if (input === undefined) throw new InputError('Give the Realm SID: frontline-sso values JB…');
    const result = checkRealmSid(input);
    if (!result.sid) {
      if (json)
        io.stdout(
          JSON.stringify(
            { realmSid: null, acsUrl: null, audience: null, findings: plainFindings(result.findings) },
            null,
            2,
          ) + '\n',
        );
      else io.stdout(formatFindings(result.findings, ''));
      return EXIT_FINDINGS;
    }
    const values = frontlineValues(result.sid);
    if (json) io.stdout(JSON.stringify(values, null, 2) + '\n');
    else
      io.stdout(
        `Realm SID:     ${values.realmSid}\nACS URL:       ${values.acsUrl}\nSAML audience: ${values.audience}\n` +
          result.findings.map((f) => `(${f.message})\n`).join(''),
      );
    return EXIT_OK;
  },

  cert({ positionals }, io, json) {
    const certificates = decodeCertificates(readInput(io, positionals[0], 'certificate'), io.now());
    if (json) {
      io.stdout(JSON.stringify(certificates.map(certificateJson), null, 2) + '\n');
    } else {
      certificates.forEach((c, i) => {
        const rows: Array<[string, string]> = [
          ['Subject', c.subject],
          ['Issuer', c.issuer],
          ['Serial', c.serialNumber],
          ['Valid from', c.notBefore],
          ['Valid until', `${c.notAfter} (${c.daysRemaining} days remaining)`],
          ['Public key', describeKey(c.publicKey)],
          ['Signature', c.signatureAlgorithm],
          ['SHA-1', c.sha1],
          ['SHA-256', c.sha256],
          ['Self-signed', c.selfSigned ? 'yes' : 'no'],
        ];
        if (c.subjectAltNames.length) rows.push(['Alt names', c.subjectAltNames.join(', ')]);
        io.stdout(
          `${certificates.length > 1 ? `Certificate ${i + 1} of ${certificates.length}\n` : ''}${rows.map(([k, v]) => `  ${k.padEnd(12)} ${v}\n`).join('')}${formatFindings(c.findings)}`,
        );
      });
    }
    return certificates.some((c) => hasErrors(c.findings)) ? EXIT_FINDINGS : EXIT_OK;
  },

  metadata({ positionals }, io, json) {
    const saml = loadSaml();
    const report = saml.checkIdpMetadata(readInput(io, positionals[0], 'metadata'), io.now());
    const out = saml.metadataJson(report);
    if (json) io.stdout(JSON.stringify(out, null, 2) + '\n');
    else
      io.stdout(
        [
          `Issuer:        ${report.issuer}`,
          `Sign-in URL:   ${report.ssoUrl ?? '(none)'}`,
          `Sign-out URL:  ${report.sloUrl ?? '(none)'}`,
          `Region:        ${report.region ?? '(unknown)'}`,
          `Account:       ${report.accountId ?? '(unknown)'}`,
          ...report.decodedCertificates.map(
            (c, i) => `Certificate ${i + 1}: ${c.subject}, expires ${c.notAfter}, SHA-256 ${c.sha256}`,
          ),
        ].join('\n') +
          '\n' +
          formatFindings(report.findings),
      );
    return hasErrors(report.findings) ? EXIT_FINDINGS : EXIT_OK;
  },

  saml({ positionals, options }, io, json) {
    const saml = loadSaml();
    const input = readInput(io, positionals[0], 'SAML response');
    let expect: { realmSid?: string; issuer?: string; certificatePem?: string } = {};
    if (typeof options.config === 'string') {
      const text = readInput(io, options.config, 'config').toString('utf8');
      expect = expectationsFromConfig(text, readerRelativeTo(options.config, io.cwd));
    }
    if (typeof options.realm === 'string') {
      const realm = checkRealmSid(options.realm);
      if (!realm.sid) throw new InputError(`--realm: ${realm.findings[0]?.message ?? 'not a Realm SID'}`);
      expect.realmSid = realm.sid;
    }
    if (typeof options.issuer === 'string') expect.issuer = options.issuer;
    if (typeof options.cert === 'string')
      expect.certificatePem = readInput(io, options.cert, 'certificate').toString('utf8');
    let now = io.now();
    if (typeof options.at === 'string') {
      now = new Date(options.at);
      if (Number.isNaN(now.getTime()))
        throw new InputError(`--at: "${options.at}" is not an ISO-8601 time such as 2026-01-31T12:00:00Z.`);
    }
    const report = saml.checkSamlResponse(saml.decodeSamlInput(input), expect, now);
    if (json) {
      io.stdout(JSON.stringify(saml.samlJson(report), null, 2) + '\n');
    } else {
      const sig = report.signature;
      io.stdout(
        [
          `Destination:   ${report.destination ?? '(none)'}`,
          `Issuer:        ${report.issuer ?? '(none)'}`,
          `Audience:      ${report.audience ?? '(none)'}`,
          `NameID:        ${report.nameId ?? '(none)'} (${report.nameIdFormat ?? 'no format'})`,
          `Valid:         ${report.notBefore ?? '?'} – ${report.notOnOrAfter ?? '?'}`,
          `Signatures:    response ${sig.responseSigned ? 'signed' : 'unsigned'}, assertion ${sig.assertionSigned ? 'signed' : 'unsigned'}, ${!sig.responseSigned && !sig.assertionSigned ? 'no signature' : sig.valid === null ? 'not verified' : sig.valid ? 'verified' : 'INVALID'}${sig.algorithm ? ` (${sig.algorithm.replace(/^.*#/, '')})` : ''}`,
          ...Object.entries(report.attributes).map(([k, v]) => `Attribute:     ${k} = ${v.join(', ')}`),
        ].join('\n') +
          '\n' +
          formatFindings(report.checks),
      );
    }
    return hasErrors(report.checks) ? EXIT_FINDINGS : EXIT_OK;
  },

  lint({ positionals, options }, io, json) {
    if (positionals.length === 0) throw new InputError('Give one or more files: frontline-sso lint frontline-sso.json');
    const forced = options.kind;
    if (forced !== undefined && forced !== 'config' && forced !== 'mappings')
      throw new InputError('--kind is config or mappings.');
    const results = positionals.map((file) => {
      const text = readInput(io, file, 'config').toString('utf8');
      const kind: FileKind = (forced as FileKind | undefined) ?? fileKindOf(file) ?? 'config';
      const starts = lineStarts(text);
      const findings = lintText(text, {
        kind,
        now: io.now(),
        readFile: readerRelativeTo(file, io.cwd),
        parseMetadata: (xml) => loadSaml().parseIdpMetadata(xml),
      });
      return {
        file,
        diagnostics: findings.map((f) => {
          const span = f.span ?? { offset: 0, length: 0 };
          const start = lineColumn(starts, span.offset);
          const end = lineColumn(starts, span.offset + span.length);
          return {
            code: f.code,
            severity: f.severity,
            message: f.message,
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
          };
        }),
      };
    });
    if (json) io.stdout(JSON.stringify(results, null, 2) + '\n');
    else
      for (const r of results) {
        io.stdout(
          r.diagnostics.length === 0
            ? `${r.file}: ✓ no problems found\n`
            : r.diagnostics
                .map((d) => `${r.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.code}]\n`)
                .join(''),
        );
      }
    return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
  },

  async apps({ options }, io, json) {
    const aws = loadAws();
    const api = new aws.IdentityCenter({
      profile: (options.profile as string | undefined) ?? process.env.AWS_PROFILE,
      region: (options.region as string | undefined) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
      endpoint: options.endpoint as string | undefined,
    });
    try {
      const result = await aws.inventory(api);
      if (json) {
        io.stdout(JSON.stringify(result, null, 2) + '\n');
      } else if (result.instances.length === 0) {
        io.stdout('No IAM Identity Center instance in this account and Region. Try another Region with --region.\n');
      } else {
        for (const instance of result.instances) {
          io.stdout(`${instance.instanceArn} (identity store ${instance.identityStoreId})\n`);
          for (const app of instance.applications) {
            io.stdout(
              `  ${app.name}  ${app.status ?? ''}  ${app.federationProtocol ?? ''}  ${app.applicationArn}\n` +
                `    assignment required: ${app.assignmentRequired === null ? 'unknown' : app.assignmentRequired ? 'yes' : 'no'}; ` +
                `assigned: ${app.assignments.map((a) => `${a.displayName} (${a.principalType.toLowerCase()})`).join(', ') || 'nobody'}\n`,
            );
          }
        }
      }
      return EXIT_OK;
    } catch (err) {
      if (err instanceof Error && err.name === 'AwsProblemError') throw new InputError(err.message);
      throw err;
    } finally {
      api.dispose();
    }
  },
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? EXIT_OK : EXIT_INPUT;
  }
  const handler = commands[command];
  if (!handler) {
    io.stderr(`frontline-sso: unknown command "${command}". Run frontline-sso --help.\n`);
    return EXIT_INPUT;
  }
  try {
    const { positionals, values } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        config: { type: 'string' },
        realm: { type: 'string' },
        issuer: { type: 'string' },
        cert: { type: 'string' },
        at: { type: 'string' },
        kind: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
      },
    });
    return await handler({ positionals, options: values }, io, values.json === true);
  } catch (err) {
    if (isInputError(err) || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`frontline-sso ${command}: ${(err as Error).message.split('\n')[0]}\n`);
      return EXIT_INPUT;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readFileSync(0),
    cwd: process.cwd(),
    now: () => new Date(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`frontline-sso: unexpected failure: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT_INPUT;
    },
  );
}
