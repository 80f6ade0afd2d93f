import { dirname, resolve } from 'node:path';
import { MAX_CERTIFICATE_INPUT_BYTES } from '../../core/certificates';
import { expectationsFromConfig } from '../../core/configFile';
import { InputError, hasErrors } from '../../core/findings';
import { checkRealmSid } from '../../core/realm';
import { loadSaml } from '../../lazy';
import { readReferencedFiles } from '../../io/configFiles';
import { Command, EXIT_FINDINGS, EXIT_OK, formatFindings, printJson, readInput, stringOption } from '../io';

export const saml: Command = {
  usage: `saml <file | ->             decode and check a SAMLResponse (XML, base64, URL-encoded)
                                --config FILE | --realm SID --issuer URL --cert FILE
                                --at ISO-8601   check times as of this instant`,
  options: {
    config: { type: 'string' },
    realm: { type: 'string' },
    issuer: { type: 'string' },
    cert: { type: 'string' },
    at: { type: 'string' },
  },
  async run({ positionals, options }, io, json) {
    const lib = loadSaml();
    const input = await readInput(io, positionals[0], 'SAML response');
    let expect: { realmSid?: string; issuer?: string; certificatePem?: string } = {};
    const config = stringOption(options, 'config');
    if (config) {
      const text = (await readInput(io, config, 'config')).toString('utf8');
      const files = await readReferencedFiles(text, dirname(resolve(io.cwd, config)));
      expect = expectationsFromConfig(text, files);
    }
    const realm = stringOption(options, 'realm');
    if (realm !== undefined) {
      const checked = checkRealmSid(realm);
      if (!checked.sid) throw new InputError(`--realm: ${checked.findings[0]?.message ?? 'not a Realm SID'}`);
      expect.realmSid = checked.sid;
    }
    const issuer = stringOption(options, 'issuer');
    if (issuer !== undefined) expect.issuer = issuer;
    const certFile = stringOption(options, 'cert');
    if (certFile !== undefined) {
      expect.certificatePem = (await readInput(io, certFile, 'certificate', MAX_CERTIFICATE_INPUT_BYTES)).toString(
        'utf8',
      );
    }
    let now = io.now();
    const at = stringOption(options, 'at');
    if (at !== undefined) {
      now = new Date(at);
      if (Number.isNaN(now.getTime()))
        throw new InputError(`--at: "${at}" is not an ISO-8601 time such as 2026-01-31T12:00:00Z.`);
    }
    const report = lib.checkSamlResponse(lib.decodeSamlInput(input), expect, now);
    if (json) {
      printJson(io, lib.samlJson(report));
    } else {
      const sig = report.signature;
      const verdict =
        !sig.responseSigned && !sig.assertionSigned
          ? 'no signature'
          : sig.valid === null
            ? 'not verified'
            : sig.valid
              ? 'verified'
              : 'INVALID';
      io.stdout(
        [
          `Destination:   ${report.destination ?? '(none)'}`,
          `Issuer:        ${report.issuer ?? '(none)'}`,
          `Audience:      ${report.audience ?? '(none)'}`,
          `NameID:        ${report.nameId ?? '(none)'} (${report.nameIdFormat ?? 'no format'})`,
          `Valid:         ${report.notBefore ?? '?'} – ${report.notOnOrAfter ?? '?'}`,
          `Signatures:    response ${sig.responseSigned ? 'signed' : 'unsigned'}, assertion ${sig.assertionSigned ? 'signed' : 'unsigned'}, ${verdict}${sig.algorithm ? ` (${sig.algorithm.replace(/^.*#/, '')})` : ''}`,
          ...Object.entries(report.attributes).map(([k, v]) => `Attribute:     ${k} = ${v.join(', ')}`),
        ].join('\n') +
          '\n' +
          formatFindings(report.checks),
      );
    }
    return hasErrors(report.checks) ? EXIT_FINDINGS : EXIT_OK;
  },
};
