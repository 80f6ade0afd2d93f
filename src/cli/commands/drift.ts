import { dirname, resolve } from 'node:path';
import { DriftReport, LiveOutcome, metadataUrlProblem, runDriftCheck } from '../../core/drift/drift';
import { Finding, InputError, hasErrors, isInputError, plainFindings } from '../../core/common/findings';
import { readReferencedFiles } from '../../io/configFiles';
import { MetadataCache, fetchLiveMetadata } from '../../io/fetchMetadata';
import { loadSaml } from '../../lazyParts';
import { Command, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, formatFindings, printJson, readInput, stringOption } from '../io';

interface DriftResult {
  file: string;
  metadataUrl: string | null;
  fetched: boolean;
  findings: Finding[];
}

const BARE_LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+\/?$/;

export const drift: Command = {
  usage: `drift <configs...>          compare configs with the live IAM Identity Center metadata (certificate rotation)
                                --metadata-url URL  fetch this URL instead of the one derived from the issuer
                                                    (http://127.0.0.1:<port> alone: the local emulator)
                                --strict            a check that cannot run fails (exit 1)
                                --timeout SECONDS   connect and read timeouts (default 10)`,
  options: { 'metadata-url': { type: 'string' }, strict: { type: 'boolean' }, timeout: { type: 'string' } },
  async run({ positionals, options }, io, json) {
    if (positionals.length === 0)
      throw new InputError('Give one or more config files: frontline-sso drift frontline-sso.json');
    const metadataUrl = stringOption(options, 'metadata-url');
    if (metadataUrl !== undefined && !BARE_LOOPBACK.test(metadataUrl)) {
      const problem = metadataUrlProblem(metadataUrl, true);
      if (problem) throw new InputError(`--metadata-url: ${problem}.`);
    }
    const strict = options.strict === true;
    const timeout = stringOption(options, 'timeout');
    const seconds = timeout === undefined ? 10 : Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300)
      throw new InputError('--timeout is a number of seconds between 0 and 300.');
    const timeouts = {
      connectTimeoutMs: seconds * 1000,
      readTimeoutMs: seconds * 1000,
      totalTimeoutMs: 2 * seconds * 1000,
    };
    // One fetch per URL and run, whatever the number of configs that point at it.
    const cache = new MetadataCache();
    const outcomes = new Map<string, Promise<LiveOutcome>>();
    const outcomeFor = (target: { url: string; allowLoopback: boolean }) => {
      let outcome = outcomes.get(target.url);
      if (!outcome) {
        outcome = fetchLiveMetadata(target.url, { ...timeouts, allowLoopback: target.allowLoopback, cache }, (xml) =>
          loadSaml().parseIdpMetadata(xml),
        );
        outcomes.set(target.url, outcome);
      }
      return outcome;
    };
    let unreadable = false;
    const results: DriftResult[] = [];
    for (const file of positionals) {
      let report: DriftReport;
      try {
        const text = (await readInput(io, file, 'config')).toString('utf8');
        const files = await readReferencedFiles(text, dirname(resolve(io.cwd, file)));
        report = await runDriftCheck({ text, files, now: io.now(), urlOptions: { metadataUrl }, outcomeFor });
      } catch (err) {
        if (!isInputError(err)) throw err;
        unreadable = true;
        io.stderr(`frontline-sso drift: ${err.message}\n`);
        results.push({
          file,
          metadataUrl: null,
          fetched: false,
          findings: [{ code: 'file-unreadable', severity: 'error', message: err.message }],
        });
        continue;
      }
      const findings = strict
        ? report.findings.map((f) => (f.code === 'drift-unavailable' ? { ...f, severity: 'error' as const } : f))
        : report.findings;
      results.push({ file, metadataUrl: report.metadataUrl ?? null, fetched: report.fetched, findings });
    }
    if (json) {
      printJson(
        io,
        results.map((r) => ({ ...r, findings: plainFindings(r.findings) })),
      );
    } else {
      for (const r of results) {
        io.stdout(
          `${r.file}: ${r.metadataUrl ? `live metadata ${r.metadataUrl}` : 'no live metadata address'}${r.fetched ? '' : ' (not fetched)'}\n` +
            (r.fetched && r.findings.length === 0 ? '  ✓ matches the live metadata\n' : formatFindings(r.findings)),
        );
      }
    }
    if (unreadable) return EXIT_INPUT;
    return results.some((r) => hasErrors(r.findings)) ? EXIT_FINDINGS : EXIT_OK;
  },
};
