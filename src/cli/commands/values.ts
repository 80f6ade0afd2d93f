import { Finding, InputError, hasErrors, plainFindings } from '../../core/common/findings';
import {
  BUILTIN_PROVIDERS,
  MAX_PROVIDER_FILE_BYTES,
  ProviderDefinition,
  ProviderValues,
  findProvider,
  providerValues,
  recogniseProvider,
  unknownProviderFinding,
  validateProviderFile,
} from '../../core/providers/index';
import { checkRealmSid, frontlineValues } from '../../core/values/realm';
import {
  Command,
  EXIT_FINDINGS,
  EXIT_OK,
  Io,
  OptionValue,
  formatFindings,
  printJson,
  readInput,
  stringOption,
} from '../io';

/** `--param KEY=VALUE` options as a record; a malformed or repeated one is a usage error (exit 2). */
export function paramOptions(options: Record<string, OptionValue>): Record<string, string> {
  const raw = options.param;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const params: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError(`--param takes KEY=VALUE, not "${item.slice(0, 40)}".`);
    const key = item.slice(0, eq);
    if (Object.prototype.hasOwnProperty.call(params, key))
      throw new InputError(`--param ${key.slice(0, 40)} is given twice.`);
    params[key] = item.slice(eq + 1);
  }
  return params;
}

/**
 * A user's provider file (`*.sso-provider.json`): read within its size limit and checked like in the editor. A file
 * with errors is unusable input (exit 2), reported with its first error and how many more there are.
 */
async function readProviderFile(io: Io, file: string): Promise<ProviderDefinition> {
  const bytes = await readInput(io, file, 'provider', MAX_PROVIDER_FILE_BYTES);
  const result = validateProviderFile(
    bytes.toString('utf8'),
    BUILTIN_PROVIDERS.map((p) => p.id),
  );
  if (!result.definition) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new InputError(`${file} is not a usable provider file: ${errors[0]?.message ?? 'unknown error'}${more}`);
  }
  return result.definition;
}

function printProviderValues(io: Io, json: boolean, out: ProviderValues): number {
  if (json) printJson(io, { ...out, findings: plainFindings(out.findings) });
  else {
    const lines = [
      `Provider:      ${out.provider}`,
      ...Object.entries(out.params).map(([k, v]) => `  ${k}: ${v}`),
      `ACS URL:       ${out.acsUrl ?? '(not available)'}`,
      `SAML audience: ${out.audience ?? '(not available)'}`,
      `NameID format: ${out.nameIdFormat ?? '(not documented by the provider)'}`,
    ];
    if (out.attributeMappings.length > 0) {
      lines.push('Attribute mappings (IAM Identity Center → Actions → Edit attribute mappings):');
      for (const m of out.attributeMappings) lines.push(`  ${m.attribute}  ←  ${m.value || '(choose)'}  [${m.format}]`);
    }
    io.stdout(lines.join('\n') + '\n' + (out.findings.length > 0 ? formatFindings(out.findings, '') : ''));
  }
  return hasErrors(out.findings) ? EXIT_FINDINGS : EXIT_OK;
}

/** Findings of the recognition first, without a second copy of the same code (the status finding). */
function merge(first: readonly Finding[], second: readonly Finding[]): Finding[] {
  const codes = new Set(first.map((f) => f.code));
  return [...first, ...second.filter((f) => !codes.has(f.code))];
}

export const values: Command = {
  usage: `values <realmSid | url>     ACS URL and SAML audience for a Frontline Realm SID, or for a pasted ACS URL or audience
                                --provider ID --param KEY=VALUE …   another service provider (see: providers)
                                --provider-file FILE   your own provider (*.sso-provider.json)`,
  options: {
    provider: { type: 'string' },
    param: { type: 'string', multiple: true },
    'provider-file': { type: 'string' },
  },
  async run({ positionals, options }, io, json) {
    const file = stringOption(options, 'provider-file');
    const own = file !== undefined ? [await readProviderFile(io, file)] : [];
    const known = [...BUILTIN_PROVIDERS, ...own];
    const providerId = stringOption(options, 'provider') ?? own[0]?.id;
    const params = paramOptions(options);
    if (providerId !== undefined) {
      if (positionals.length > 0)
        throw new InputError('Give either a Realm SID or URL, or --provider with --param, not both.');
      const definition = findProvider(providerId, known);
      if (!definition) throw new InputError(unknownProviderFinding(providerId, known).message);
      return printProviderValues(io, json, providerValues(definition, params));
    }
    if (Object.keys(params).length > 0)
      throw new InputError('--param needs --provider ID (see: frontline-sso providers).');
    const input = positionals[0];
    if (input === undefined) throw new InputError('Give the Realm SID: frontline-sso values JB…');
    const result = checkRealmSid(input);
    if (!result.sid) {
      // Not Frontline's: a pasted ACS URL or audience of another provider fills that provider's params.
      const recognised = /[:/]/.test(input) ? recogniseProvider(input) : undefined;
      if (recognised) {
        const out = providerValues(recognised.provider, recognised.params);
        const what = recognised.field === 'audience' ? 'SAML audience' : 'ACS URL';
        const note: Finding = {
          code: 'provider-recognised',
          severity: 'info',
          message: `Recognised a ${recognised.provider.vendor} ${recognised.provider.product} ${what} (provider ${recognised.provider.id}).`,
        };
        return printProviderValues(io, json, { ...out, findings: merge([note, ...recognised.findings], out.findings) });
      }
      if (json)
        printJson(io, { realmSid: null, acsUrl: null, audience: null, findings: plainFindings(result.findings) });
      else io.stdout(formatFindings(result.findings, ''));
      return EXIT_FINDINGS;
    }
    const out = frontlineValues(result.sid);
    if (json) printJson(io, out);
    else
      io.stdout(
        `Realm SID:     ${out.realmSid}\nACS URL:       ${out.acsUrl}\nSAML audience: ${out.audience}\n` +
          result.findings.map((f) => `(${f.message})\n`).join(''),
      );
    return EXIT_OK;
  },
};
