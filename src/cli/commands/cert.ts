import { MAX_CERTIFICATE_INPUT_BYTES, certificateJson, decodeCertificates, describeKey } from '../../core/certificates';
import { hasErrors } from '../../core/findings';
import { Command, EXIT_FINDINGS, EXIT_OK, formatFindings, printJson, readInput } from '../io';

export const cert: Command = {
  usage: 'cert <file | ->             decode and check X.509 certificates (PEM, DER or base64)',
  options: {},
  async run({ positionals }, io, json) {
    const input = await readInput(io, positionals[0], 'certificate', MAX_CERTIFICATE_INPUT_BYTES);
    const certificates = decodeCertificates(input, io.now());
    if (json) {
      printJson(io, certificates.map(certificateJson));
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
};
