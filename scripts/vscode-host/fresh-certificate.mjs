// The example certificate in a test workspace, made anew for the day of the run: the same key as the committed one
// (so the fixture SAML responses still verify) and the same subject, valid from now for five years, so that checks of
// "expires in N days" hold whenever the suite runs. The metadata file of the workspace is updated to match.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY = join(
  import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '..',
  '..',
  'test',
  'fixtures',
  'idp',
  'idp.key',
);
export const FRESH_CERTIFICATE_DAYS = 1826;

export function refreshExampleCertificate(workspace) {
  const pem = execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-new',
      '-key',
      KEY,
      '-subj',
      '/C=US/O=Amazon/OU=IDAS/CN=amazonaws.com',
      '-days',
      String(FRESH_CERTIFICATE_DAYS),
      '-sha256',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  writeFileSync(join(workspace, 'aws-idc.pem'), pem);
  const body = pem.replace(/-----[A-Z ]+-----|\s/g, '');
  const metadata = join(workspace, 'aws-idc-metadata.xml');
  writeFileSync(
    metadata,
    readFileSync(metadata, 'utf8').replace(/(<ds:X509Certificate>)[^<]*(<\/ds:X509Certificate>)/, `$1${body}$2`),
  );
  return pem;
}
