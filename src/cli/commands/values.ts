import { InputError, plainFindings } from '../../core/findings';
import { checkRealmSid, frontlineValues } from '../../core/realm';
import { Command, EXIT_FINDINGS, EXIT_OK, formatFindings, printJson } from '../io';

export const values: Command = {
  usage: 'values <realmSid>           ACS URL and SAML audience for a Frontline Realm SID',
  options: {},
  run({ positionals }, io, json) {
    const input = positionals[0];
    if (input === undefined) throw new InputError('Give the Realm SID: frontline-sso values JB…');
    const result = checkRealmSid(input);
    if (!result.sid) {
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
