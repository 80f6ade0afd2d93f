import {
  MAX_CERTIFICATE_INPUT_BYTES,
  certificateFacts,
  certificateJson,
  decodeCertificateBundle,
} from '../../core/certificates/certificates';
import { hasErrors } from '../../core/common/findings';
import { Command, EXIT_FINDINGS, EXIT_OK, formatFindings, printJson, readInput } from '../io';

export const cert: Command = {
  usage: 'cert <file | ->             decode and check X.509 certificates (PEM, DER or base64)',
  options: {},
  async run({ positionals }, io, json) {
    const input = await readInput(io, positionals[0], 'certificate', MAX_CERTIFICATE_INPUT_BYTES);
    const { certificates, findings } = decodeCertificateBundle(input, io.now());
    if (json) {
      // The array stays one entry per certificate: what was left out is said in the last one's findings.
      const entries = certificates.map(certificateJson);
      const last = entries[entries.length - 1] as { findings: unknown[] } | undefined;
      last?.findings.push(...findings.map(({ code, severity, message }) => ({ code, severity, message })));
      printJson(io, entries);
    } else {
      certificates.forEach((c, i) => {
        // Empty facts (no alternative names, no key usage) are left out of the terminal's view.
        const rows = certificateFacts(c).filter(([, v]) => v !== '');
        const width = Math.max(...rows.map(([k]) => k.length));
        io.stdout(
          `${certificates.length > 1 ? `Certificate ${i + 1} of ${certificates.length}\n` : ''}${rows.map(([k, v]) => `  ${k.padEnd(width)} ${v}\n`).join('')}${formatFindings(c.findings)}`,
        );
      });
      if (findings.length > 0) io.stdout(formatFindings(findings));
    }
    return certificates.some((c) => hasErrors(c.findings)) ? EXIT_FINDINGS : EXIT_OK;
  },
};
