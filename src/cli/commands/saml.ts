import { dirname, resolve } from 'node:path';
import { MAX_CERTIFICATE_INPUT_BYTES } from '../../core/certificates/certificates';
import { expectationsFromConfig } from '../../core/config/file';
import { InputError, hasErrors, isInputError } from '../../core/common/findings';
import { Finding } from '../../core/common/findings';
import {
  BUILTIN_PROVIDERS,
  ProviderDefinition,
  RecognisedSamlProvider,
  checkRecognisingProvider,
  findProvider,
  configSamlExpectations,
  samlExpectationsFromProvider,
  unknownProviderFinding,
} from '../../core/providers/index';
import { checkRealmSid } from '../../core/values/realm';
import type { HarSamlRequest, SamlExpectations, SamlReport } from '../../core/saml';
import { loadSaml } from '../../lazyParts';
import { readReferencedFiles } from '../../io/configFiles';
import {
  Command,
  EXIT_FINDINGS,
  EXIT_INPUT,
  EXIT_OK,
  Io,
  OptionValue,
  formatFindings,
  printJson,
  readInput,
  stringOption,
} from '../io';
import { paramOptions } from './values';

export const saml: Command = {
  usage: `saml <file | ->             decode and check a SAMLResponse (XML, base64, URL-encoded) or a HAR file
                                --config FILE | --realm SID --issuer URL --cert FILE
                                --provider ID --param KEY=VALUE …   another service provider (see: providers);
                                  without --config, --realm or --provider, the provider the response's
                                  Destination or Audience names is recognised and checked against
                                --at ISO-8601          check times as of this instant
                                --clock-skew SECONDS   allowed clock difference (default 180)
                                --index N              of a HAR file, only its Nth SAML response
                                --redact               mask personal data (for support tickets)`,
  options: {
    config: { type: 'string' },
    realm: { type: 'string' },
    issuer: { type: 'string' },
    cert: { type: 'string' },
    at: { type: 'string' },
    'clock-skew': { type: 'string' },
    index: { type: 'string' },
    redact: { type: 'boolean' },
    provider: { type: 'string' },
    param: { type: 'string', multiple: true },
  },
  async run({ positionals, options }, io, json) {
    const lib = loadSaml();
    // A HAR file can be far larger than a response; decodeSamlInput still refuses a response over 5 MB.
    const input = (await readInput(io, positionals[0], 'SAML response or HAR', lib.MAX_HAR_BYTES)).toString('utf8');
    const { expect, chosen: given } = await expectations(io, options, lib.MAX_CLOCK_SKEW_SECONDS);
    const now = instant(io, options);
    const redact = options.redact === true;
    // The provider each report was checked against, when --provider gave it or the response named it.
    const used = new Map<SamlReport, ProviderUse>();
    const check = async (text: string): Promise<SamlReport> => {
      const xml = lib.decodeSamlInput(text);
      if (given) {
        const report = await lib.checkSamlResponse(xml, expect, now);
        report.checks.unshift(...given.findings);
        used.set(report, given.use);
        return report;
      }
      if (!expectsNothing(options)) return lib.checkSamlResponse(xml, expect, now);
      const { report, recognised } = await checkRecognisingProvider((e) => lib.checkSamlResponse(xml, e, now), expect);
      if (recognised) used.set(report, useOf(recognised.provider, recognised.params, recognised));
      return report;
    };
    const asJson = (report: SamlReport) => {
      const out = redact ? lib.redactedSamlJson(report) : lib.samlJson(report);
      const use = used.get(report);
      return use ? { ...out, provider: use } : out;
    };
    const asText = (report: SamlReport) => {
      const use = used.get(report);
      const line = use
        ? `Provider:      ${use.id}${use.recognisedFrom ? ` (recognised from the ${use.recognisedFrom})` : ''}${Object.entries(
            use.params,
          )
            .map(([k, v]) => `, ${k}=${v}`)
            .join('')}\n`
        : '';
      const body = redact ? lib.redactedSamlReport(report) : formatReport(report);
      return line + body;
    };

    if (!lib.looksLikeHar(input)) {
      if (stringOption(options, 'index') !== undefined) throw new InputError('--index applies to HAR files only.');
      const report = await check(input);
      if (json) printJson(io, asJson(report));
      else io.stdout(asText(report));
      return hasErrors(report.checks) ? EXIT_FINDINGS : EXIT_OK;
    }

    const requests = lib.findSamlRequestsInHar(input);
    if (requests.length === 0) {
      throw new InputError(
        'The HAR file has no request that carries a SAMLResponse. Record it with "Preserve log" on (the sign-in page redirects away), sign in, then save all as HAR.',
      );
    }
    const index = stringOption(options, 'index');
    let chosen = requests;
    if (index !== undefined) {
      const n = Number(index);
      if (!Number.isInteger(n) || n < 1 || n > requests.length) {
        throw new InputError(
          `--index: the HAR file has ${requests.length} SAML response${requests.length === 1 ? '' : 's'}; give a number from 1 to ${requests.length}.`,
        );
      }
      chosen = [requests[n - 1]!];
    }
    // One after another: each check is bounded, and a HAR file's responses are few.
    const results: Array<{ request: HarSamlRequest; report?: SamlReport; error?: string }> = [];
    for (const request of chosen) {
      try {
        results.push({ request, report: await check(request.samlResponse) });
      } catch (err) {
        if (!isInputError(err)) throw err;
        results.push({ request, error: err.message });
      }
    }
    // The query string of a URL can carry the whole SAMLResponse and login_hint addresses: redacted, origin and path.
    const url = (r: HarSamlRequest) => (redact ? lib.redactUrl(r.url) : r.url);
    const where = (r: HarSamlRequest) => ({ index: r.index, startedDateTime: r.startedDateTime, url: url(r) });
    const reason = (error: string) => (redact ? lib.maskText(error) : error);
    if (json) {
      printJson(
        io,
        results.map(({ request, report, error }) =>
          report ? { ...where(request), ...asJson(report) } : { ...where(request), error: reason(error!) },
        ),
      );
    } else {
      io.stdout(
        `HAR file: ${requests.length} SAML response${requests.length === 1 ? '' : 's'}${chosen.length < requests.length ? `, showing number ${chosen[0]!.index}` : ''}\n`,
      );
      for (const { request, report, error } of results) {
        io.stdout(
          `\n[${request.index}] ${request.startedDateTime ?? '(no time)'} ${request.method ?? ''} ${url(request) ?? '(no URL)'} (${request.source})\n`,
        );
        if (error) io.stdout(`  cannot be decoded: ${reason(error)}\n`);
        else io.stdout(asText(report!));
      }
    }
    if (results.every((r) => r.error)) return EXIT_INPUT;
    return results.some((r) => r.error || hasErrors(r.report!.checks)) ? EXIT_FINDINGS : EXIT_OK;
  },
};

/** The JSON output's `provider` key: which provider the response was checked against, and how it was chosen. */
interface ProviderUse {
  id: string;
  params: Record<string, string>;
  /** Which value of the response named the provider; null when --provider gave it. */
  recognisedFrom: 'Destination' | 'Audience' | null;
}

function useOf(
  definition: ProviderDefinition,
  params: Record<string, string>,
  recognised?: RecognisedSamlProvider,
): ProviderUse {
  return { id: definition.id, params, recognisedFrom: recognised?.recognisedFrom ?? null };
}

/** Nothing says what the response should be sent to: the response itself may name its provider. */
function expectsNothing(options: Record<string, OptionValue>): boolean {
  return ['config', 'realm', 'provider'].every((key) => stringOption(options, key) === undefined);
}

async function expectations(
  io: Io,
  options: Record<string, OptionValue>,
  maxClockSkew: number,
): Promise<{ expect: SamlExpectations; chosen?: { use: ProviderUse; findings: Finding[] } }> {
  const config = stringOption(options, 'config');
  const realm = stringOption(options, 'realm');
  const providerId = stringOption(options, 'provider');
  const params = paramOptions(options);
  if (providerId === undefined && Object.keys(params).length > 0)
    throw new InputError('--param needs --provider ID (see: frontline-sso providers).');
  if (providerId !== undefined && (config !== undefined || realm !== undefined))
    throw new InputError('Give either --provider with --param, or --config / --realm (Frontline), not both.');
  let given: Parameters<typeof configSamlExpectations>[0] = {};
  if (config) {
    const text = (await readInput(io, config, 'config')).toString('utf8');
    const files = await readReferencedFiles(text, dirname(resolve(io.cwd, config)));
    given = expectationsFromConfig(text, files);
  }
  if (realm !== undefined) {
    const checked = checkRealmSid(realm);
    if (!checked.sid) throw new InputError(`--realm: ${checked.findings[0]?.message ?? 'not a Realm SID'}`);
    given.realmSid = checked.sid;
  }
  const fromConfig = configSamlExpectations(given);
  const expect = fromConfig.expect;
  let chosen: { use: ProviderUse; findings: Finding[] } | undefined = fromConfig.provider && {
    use: useOf(fromConfig.provider.definition, fromConfig.provider.params),
    findings: fromConfig.provider.findings,
  };
  if (providerId !== undefined) {
    const definition = findProvider(providerId, BUILTIN_PROVIDERS);
    if (!definition) throw new InputError(unknownProviderFinding(providerId, BUILTIN_PROVIDERS).message);
    const found = samlExpectationsFromProvider(definition, params);
    expect.serviceProvider = found.serviceProvider;
    chosen = { use: useOf(definition, found.params), findings: found.findings };
  }
  const issuer = stringOption(options, 'issuer');
  if (issuer !== undefined) expect.issuer = issuer;
  const certFile = stringOption(options, 'cert');
  if (certFile !== undefined) {
    expect.certificatePem = (await readInput(io, certFile, 'certificate', MAX_CERTIFICATE_INPUT_BYTES)).toString(
      'utf8',
    );
  }
  const skew = stringOption(options, 'clock-skew');
  if (skew !== undefined) {
    const seconds = Number(skew);
    if (skew.trim() === '' || !Number.isInteger(seconds) || seconds < 0 || seconds > maxClockSkew) {
      throw new InputError(
        `--clock-skew: "${skew.slice(0, 40)}" is not a whole number of seconds from 0 to ${maxClockSkew}.`,
      );
    }
    expect.clockSkewSeconds = seconds;
  }
  return { expect, chosen };
}

/** --at, read as SAML reads times: UTC unless it says otherwise, whatever the machine's time zone. */
function instant(io: Io, options: Record<string, OptionValue>): Date {
  const at = stringOption(options, 'at');
  if (at === undefined) return io.now();
  const parsed = loadSaml().parseSamlTime(at.trim());
  if (!parsed.ok) {
    throw new InputError(`--at: "${at.slice(0, 40)}" is not an ISO-8601 time such as 2026-01-31T12:00:00Z.`);
  }
  return parsed.date;
}

function formatReport(report: SamlReport): string {
  const lib = loadSaml();
  const sig = report.signature;
  const verdict =
    !sig.responseSigned && !sig.assertionSigned
      ? 'no signature'
      : sig.valid === null
        ? 'not verified'
        : sig.valid
          ? 'verified'
          : 'INVALID';
  return (
    [
      lib.samlVerdict(report),
      `Destination:   ${report.destination ?? '(none)'}`,
      `Issuer:        ${report.issuer ?? '(none)'}`,
      `Audience:      ${report.audience ?? '(none)'}`,
      `NameID:        ${report.nameId ?? '(none)'} (${report.nameIdFormat ?? 'no format'})`,
      `Valid:         ${report.notBefore ?? '?'} – ${report.notOnOrAfter ?? '?'}`,
      `Signatures:    response ${sig.responseSigned ? 'signed' : 'unsigned'}, assertion ${sig.assertionSigned ? 'signed' : 'unsigned'}, ${verdict}${sig.algorithm ? ` (${sig.algorithm.replace(/^.*#/, '')})` : ''}`,
      ...Object.entries(report.attributes).map(([k, v]) => `Attribute:     ${k} = ${v.join(', ')}`),
      `Checked at:    ${report.checkedAt}, allowing ${report.clockSkewSeconds} s of clock skew`,
    ].join('\n') +
    '\n' +
    formatFindings(report.checks)
  );
}
