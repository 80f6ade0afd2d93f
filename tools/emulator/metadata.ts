import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Json, Seed } from './seed';

/**
 * The public SAML metadata of the emulator's SAML applications, as IAM Identity Center publishes it at
 * `https://portal.sso.<region>.amazonaws.com/saml/metadata/<id>` (docs/domain.md §3), served at `/saml/metadata/<id>`.
 * The switches stage a certificate rotation and the ways a live check can fail.
 */
export interface MetadataSwitches {
  /** A second signing certificate is listed: a rotation is under way. */
  metadataSecondCertificate: boolean;
  /** The other certificate is the active one: listed first, and alone when there is no second certificate. */
  metadataSwapActive: boolean;
  /** Every metadata request fails: 404, an HTML page with status 200, or no answer at all. */
  metadataFail: 'none' | '404' | 'html' | 'hang';
  /**
   * The active certificate (PEM or base64) instead of the fixture's: the tests make the workspace's certificate anew
   * for each run, and the emulator publishes that one.
   */
  metadataActiveCertificate?: string;
}

export const DEFAULT_METADATA_SWITCHES: MetadataSwitches = {
  metadataSecondCertificate: false,
  metadataSwapActive: false,
  metadataFail: 'none',
};

/**
 * The certificates: the ones of the test fixtures (test/fixtures/idp; examples/aws-idc.pem is the first), so that a
 * config made from the examples matches the emulator until a switch says otherwise. Found next to the built
 * emulator (dist/) or from the compiled tests (out/tools/emulator/).
 */
function loadCertificates(): { active: string; other: string } | undefined {
  const dir = idpFixturesDir();
  if (!dir) return undefined;
  const base64 = (name: string) => readFileSync(join(dir, name), 'utf8').replace(/-----[A-Z ]+-----|\s+/g, '');
  return { active: base64('idp.pem'), other: base64('other.pem') };
}

let certificates: { active: string; other: string } | undefined;

/** test/fixtures/idp (the test IdP's keys and certificates), next to the built emulator or to the compiled tests. */
export function idpFixturesDir(): string | undefined {
  return [
    join(__dirname, '..', 'test', 'fixtures', 'idp'),
    join(__dirname, '..', '..', '..', 'test', 'fixtures', 'idp'),
  ].find((d) => existsSync(join(d, 'idp.pem')));
}

/** The `<id>` of an application's SAML URLs: base64 of `<account>_ins-<16 hex>` (the hex of its apl- id). */
export function samlIdOf(app: Json): string | undefined {
  const hex = /\/apl-([0-9a-f]{16})$/.exec(String(app.ApplicationArn))?.[1];
  return hex ? Buffer.from(`${String(app.ApplicationAccount)}_ins-${hex}`).toString('base64') : undefined;
}

/** The issuer URL of an application in the emulator's Region: what its metadata names as entityID. */
export function issuerOf(seed: Seed, id: string): string {
  const domain = seed.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://portal.sso.${seed.region}.${domain}/saml/assertion/${id}`;
}

function metadataXml(seed: Seed, id: string, signing: string[]): string {
  const issuer = issuerOf(seed, id);
  const logout = issuer.replace('/saml/assertion/', '/saml/logout/');
  const keys = signing
    .map(
      (c) => `    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${issuer}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
${keys}
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${logout}"/>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${logout}"/>
    <md:NameIDFormat/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${issuer}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${issuer}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether the request is for the metadata routes (GET /saml/metadata/<id>). */
export function isMetadataRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.url ?? '').startsWith('/saml/metadata/');
}

/** Answers a metadata request. With `metadataFail: 'hang'` it never answers; stopping the emulator ends it. */
export async function serveMetadata(
  req: IncomingMessage,
  res: ServerResponse,
  seed: Seed,
  given: Partial<MetadataSwitches> & { latencyMs: number },
): Promise<void> {
  const switches = { ...DEFAULT_METADATA_SWITCHES, ...definedOnly(given) };
  if ((switches.latencyMs ?? 0) > 0) await new Promise((r) => setTimeout(r, switches.latencyMs));
  if (switches.metadataFail === 'hang') return;
  const text = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  if (switches.metadataFail === '404') return text(404, 'Not Found');
  if (switches.metadataFail === 'html') {
    return text(
      200,
      '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>',
      'text/html',
    );
  }
  const id = decodeURIComponent((req.url ?? '').slice('/saml/metadata/'.length).split('?')[0] ?? '');
  const providers = new Map(seed.applicationProviders.map((p) => [p.ApplicationProviderArn, p.FederationProtocol]));
  const app = seed.applications.find((a) => providers.get(a.ApplicationProviderArn) === 'SAML' && samlIdOf(a) === id);
  if (!app) return text(404, 'Not Found');
  certificates ??= loadCertificates();
  if (!certificates) return text(500, 'The emulator found no test/fixtures/idp certificates to publish.');
  const active = switches.metadataActiveCertificate?.replace(/-----[A-Z ]+-----|\s+/g, '') || certificates.active;
  const [first, second] = switches.metadataSwapActive ? [certificates.other, active] : [active, certificates.other];
  const body = metadataXml(seed, id, switches.metadataSecondCertificate ? [first, second] : [first]);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    return void res.end();
  }
  res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', etag });
  res.end(body);
}
