import { hasErrors } from '../../core/common/findings';
import { loadSaml } from '../../lazyParts';
import { Command, EXIT_FINDINGS, EXIT_OK, formatFindings, printJson, readInput } from '../io';

export const metadata: Command = {
  usage: 'metadata <file>             read and check IAM Identity Center SAML metadata',
  options: {},
  async run({ positionals }, io, json) {
    const saml = loadSaml();
    const report = saml.checkIdpMetadata(await readInput(io, positionals[0], 'metadata'), io.now());
    if (json) {
      printJson(io, saml.metadataJson(report));
      return hasErrors(report.findings) ? EXIT_FINDINGS : EXIT_OK;
    }
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
};
