import { basename } from 'node:path';
import { APPLICATION_ARN } from '../../core/applications/applications';
import { readConfig } from '../../core/config/file';
import { InputError } from '../../core/common/findings';
import { ReadinessReport, checkReadiness, readinessExitCode } from '../../core/readiness/readiness';
import { expectationsFor } from '../../core/readiness/expectations';
import { loadAws } from '../../lazyParts';
import { Command, Io, formatFindings, printJson, readInput, stringOption } from '../io';
import { MAX_JSON_BYTES } from '../../core/common/limits';
import { AWS_OPTIONS, AWS_USAGE, asInputError, identityCenter } from './awsOptions';

export const readiness: Command = {
  usage: `readiness --application ARN  who can sign in: every assigned user checked for the claims the provider
                                needs (email, name, NameID, duplicates, groups)
                                --config FILE (its application, mapping and serviceProvider.id)
                                --provider ID (default: the config's, else twilio-frontline) ${AWS_USAGE}`,
  options: {
    ...AWS_OPTIONS,
    application: { type: 'string' },
    config: { type: 'string' },
    provider: { type: 'string' },
  },
  async run({ options }, io, json) {
    let applicationArn = stringOption(options, 'application')?.trim();
    const givenProvider = stringOption(options, 'provider')?.trim();
    let providerId = givenProvider;
    let configRegion: string | undefined;
    let config: { text: string; from: string } | undefined;
    const configFile = stringOption(options, 'config');
    if (configFile) {
      const text = (await readInput(io, configFile, 'config', MAX_JSON_BYTES)).toString('utf8');
      const summary = readConfig(text);
      applicationArn ??= summary.applicationArn;
      configRegion = summary.region;
      providerId ??= summary.serviceProvider?.id;
      config = { text, from: configFile === '-' ? 'the config' : basename(configFile) };
    }
    const expected = expectationsFor(providerId, config);
    if ('error' in expected) {
      throw new InputError(
        `${givenProvider !== undefined ? '--provider' : `serviceProvider.id in ${config?.from ?? 'the config'}`}: ${expected.error}`,
      );
    }
    if (!applicationArn) {
      throw new InputError(
        'Give the application: --application arn:aws:sso::<account>:application/ssoins-…/apl-… (or a --config whose application.applicationArn names it).',
      );
    }
    if (!APPLICATION_ARN.test(applicationArn)) {
      throw new InputError(
        `${JSON.stringify(applicationArn.slice(0, 80))} is not an IAM Identity Center application ARN (arn:aws:sso::<account>:application/ssoins-…/apl-…); copy it from the application's details or "frontline-sso apps".`,
      );
    }
    const aws = loadAws();
    const env = io.env ?? {};
    const region = stringOption(options, 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? configRegion;
    const api = identityCenter(aws, { ...options, region }, io);
    const progress = progressLine(io);
    let report: ReadinessReport;
    try {
      const { data } = await aws.collectReadiness(api, { applicationArn }, { onProgress: (p) => progress(p.message) });
      report = checkReadiness(data, expected.expectations);
    } catch (err) {
      throw asInputError(err);
    } finally {
      progress(undefined);
      api.dispose();
    }
    if (json) printJson(io, report);
    else io.stdout(humanReport(report));
    if (!report.complete) {
      io.stderr(
        `frontline-sso readiness: incomplete: ${report.notChecked.map((g) => `${g.what} not checked${g.permission ? ` (needs ${g.permission})` : ''}`).join('; ')}.\n`,
      );
    }
    return readinessExitCode(report);
  },
};

/**
 * Progress on standard error, one line rewritten in place, only when standard error is a terminal: logs and pipes
 * get the result and nothing else. (Io has no TTY flag, so the real stream is asked.)
 */
function progressLine(io: Io & { stderrIsTTY?: boolean }): (message: string | undefined) => void {
  const tty = io.stderrIsTTY ?? (io.env === process.env && process.stderr.isTTY === true);
  if (!tty) return () => undefined;
  let shown = false;
  let last = 0;
  return (message) => {
    if (message === undefined) {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
      return;
    }
    const now = Date.now();
    if (shown && now - last < 100) return;
    last = now;
    shown = true;
    io.stderr(`\r\x1b[K${message.slice(0, 100)}…`);
  };
}

function humanReport(r: ReadinessReport): string {
  const out: string[] = [];
  const groupName = new Map(r.groups.map((g) => [g.groupId, g.displayName ?? g.groupId]));
  // Frontline's lines read as they always have; another provider is named, with each claim's source.
  const frontline = r.provider.id === 'twilio-frontline';
  out.push(
    `${r.applicationName} (${r.status?.toLowerCase() ?? 'status unknown'}) — ${r.applicationArn}${frontline ? '' : ` — for ${r.provider.name}`}`,
  );
  const sources = [
    ...(r.emailSource ? [`email from ${r.emailSource}`] : []),
    ...r.claims.filter((c) => c.variable !== r.emailSource).map((c) => `${c.claim} from ${c.variable}`),
  ];
  out.push(
    `  ${r.summary.ready} ready · ${r.summary.notReady} not ready · ${r.summary.users} users · ${r.summary.groups} groups (${r.summary.emptyGroups} empty)${sources.map((x) => ` · ${x}`).join('')}` +
      (r.assignmentRequired === false ? ' · assignment not required' : ''),
  );
  if (r.findings.length > 0) out.push('', 'Application', formatFindings(r.findings).trimEnd());
  const notReady = r.users.filter((u) => !u.ready);
  if (notReady.length > 0) {
    out.push('', 'Not ready');
    for (const u of notReady) {
      const via = u.via.map((v) => (v === 'direct' ? 'direct' : `group ${groupName.get(v) ?? v}`)).join(', ');
      const address = r.emailSource ? ` <${u.email ?? 'no email'}>` : '';
      out.push(`  ${u.displayName ?? u.userName ?? u.userId}${address} (${via})`);
      out.push(
        formatFindings(
          u.findings.filter((f) => f.severity !== 'info'),
          '    ',
        ).trimEnd(),
      );
    }
  }
  const groupFindings = r.groups.filter((g) => g.findings.length > 0);
  if (groupFindings.length > 0) {
    out.push('', 'Groups');
    for (const g of groupFindings) out.push(formatFindings(g.findings).trimEnd());
  }
  if (r.notChecked.length > 0) {
    out.push('', 'Not checked');
    for (const g of r.notChecked) {
      out.push(`  ${g.what}: ${g.reason}${g.permission ? ` (needs ${g.permission})` : ''}`);
    }
  }
  if (notReady.length === 0 && r.summary.users > 0 && r.complete)
    out.push('', `  ✓ all ${r.summary.users} users can sign in`);
  return out.join('\n') + '\n';
}
