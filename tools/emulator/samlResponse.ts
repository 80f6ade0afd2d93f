import { existsSync, readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { idpFixturesDir, issuerOf, samlIdOf } from './metadata';
import type { Json, SamlSettings, Seed } from './seed';

/**
 * IdP-initiated sign-in to the emulator's SAML applications, as IAM Identity Center does it at
 * `https://portal.sso.<region>.amazonaws.com/saml/assertion/<id>` (docs/domain.md §3): GET `/saml/assertion/<id>?user=<UserId>`
 * answers with the auto-posting form that carries a signed SAML response to the application's ACS URL. Each
 * application's response follows its own SAML settings (seed `samlSettings`): Destination and Recipient are its ACS
 * URL, the Audience its audience, the NameID and attributes its mapping read from the user. The Response and the
 * Assertion are signed (exclusive c14n, rsa-sha256) with the test IdP key, whose certificate the metadata publishes.
 */

/** The test IdP key and certificate (test/fixtures/idp), next to the built emulator or to the compiled tests. */
function loadSigningKey(): { key: string; cert: string } | undefined {
  const dir = idpFixturesDir();
  if (!dir || !existsSync(join(dir, 'idp.key'))) return undefined;
  return { key: readFileSync(join(dir, 'idp.key'), 'utf8'), cert: readFileSync(join(dir, 'idp.pem'), 'utf8') };
}

let signingKey: { key: string; cert: string } | undefined;

const xmlText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** SAML 1.1 names emailAddress and unspecified, SAML 2.0 persistent and transient. */
const nameIdUrn = (short: string) =>
  `urn:oasis:names:tc:SAML:${short === 'emailAddress' || short === 'unspecified' ? '1.1' : '2.0'}:nameid-format:${short}`;

/**
 * What IAM Identity Center puts in a claim for a seed user: `${user:…}` read from the user (the emulator's reading of
 * the variables, the same as the readiness check's), anything else as literal text.
 */
export function claimValueOf(user: Json, variable: string): string {
  const name = (user.Name ?? {}) as Json;
  const emails = (user.Emails ?? []) as Json[];
  const primary = emails.find((e) => e.Primary === true) ?? (emails.length === 1 ? emails[0] : undefined);
  const fields: Record<string, unknown> = {
    email: primary?.Value,
    givenName: name.GivenName,
    familyName: name.FamilyName,
    middleName: name.MiddleName,
    name: user.DisplayName,
    preferredUsername: user.UserName,
    subject: user.UserName,
  };
  return variable.replace(/\$\{user:([A-Za-z_]+)\}/g, (_, key: string) => String(fields[key] ?? ''));
}

function sign(xml: string, id: string, after: string, key: { key: string; cert: string }): string {
  const c14n = 'http://www.w3.org/2001/10/xml-exc-c14n#';
  const signer = new SignedXml({
    privateKey: key.key,
    publicCert: key.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: c14n,
  });
  signer.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', c14n],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: after, action: 'after' } });
  return signer.getSignedXml();
}

/** The signed response for `user` signing in to `app` at `now`: the XML, before base64. */
export function signedSamlResponse(seed: Seed, app: Json, settings: SamlSettings, user: Json, now: Date): string {
  signingKey ??= loadSigningKey();
  if (!signingKey) throw new Error('The emulator found no test/fixtures/idp key to sign with.');
  const id = samlIdOf(app) ?? '';
  const issuer = issuerOf(seed, id);
  const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000).toISOString();
  const serial = Math.floor(now.getTime() / 1000).toString(16);
  const responseId = `_r${serial}${String(user.UserId).replace(/[^A-Za-z0-9]/g, '')}`;
  const assertionId = `_a${serial}${String(user.UserId).replace(/[^A-Za-z0-9]/g, '')}`;
  const subject = settings.attributeMappings.find((m) => m.attribute === 'Subject');
  const attributes = settings.attributeMappings
    .filter((m) => m.attribute !== 'Subject')
    .map(
      (m) =>
        `<saml2:Attribute Name="${xmlText(m.attribute)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:${m.format === 'uri' ? 'uri' : m.format === 'basic' ? 'basic' : 'unspecified'}"><saml2:AttributeValue>${xmlText(claimValueOf(user, m.value))}</saml2:AttributeValue></saml2:Attribute>`,
    )
    .join('');
  const acs = xmlText(settings.acsUrl);
  const assertion =
    `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" IssueInstant="${at(0)}" Version="2.0">` +
    `<saml2:Issuer>${xmlText(issuer)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID Format="${nameIdUrn(subject?.format ?? 'unspecified')}">${xmlText(claimValueOf(user, subject?.value ?? ''))}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="${at(300)}" Recipient="${acs}"/></saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${at(-300)}" NotOnOrAfter="${at(3600)}"><saml2:AudienceRestriction><saml2:Audience>${xmlText(settings.audience)}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${assertionId}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    (attributes ? `<saml2:AttributeStatement>${attributes}</saml2:AttributeStatement>` : '') +
    `</saml2:Assertion>`;
  let xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Destination="${acs}" ID="${responseId}" IssueInstant="${at(0)}" Version="2.0">` +
    `<saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">${xmlText(issuer)}</saml2:Issuer>` +
    `<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>` +
    assertion +
    `</saml2p:Response>`;
  xml = sign(xml, assertionId, "//*[local-name()='Assertion']/*[local-name()='Issuer']", signingKey);
  return sign(xml, responseId, "/*/*[local-name()='Issuer']", signingKey);
}

/** Whether the request is an IdP-initiated sign-in (GET /saml/assertion/<id>). */
export function isSignInRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.url ?? '').startsWith('/saml/assertion/');
}

/**
 * Answers a sign-in: the form that posts the response to the application's ACS URL, as the access portal does. 404
 * for an unknown application or one without SAML settings, 403 for a user not assigned (directly or by a group).
 */
export function serveSignIn(req: IncomingMessage, res: ServerResponse, seed: Seed, now: Date): void {
  const text = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  const url = new URL(req.url ?? '/', 'http://emulator');
  const id = decodeURIComponent(url.pathname.slice('/saml/assertion/'.length));
  const app = seed.applications.find((a) => samlIdOf(a) === id);
  const settings = app ? seed.samlSettings?.[String(app.ApplicationArn)] : undefined;
  if (!app || !settings) return text(404, 'No SAML application with this id.');
  const userId = url.searchParams.get('user') ?? '';
  const user = seed.users.find((u) => u.UserId === userId);
  const assignments = seed.assignments[String(app.ApplicationArn)] ?? [];
  const groups = new Set(
    seed.groupMemberships
      .filter((m) => (m.MemberId as Json | undefined)?.UserId === userId)
      .map((m) => String(m.GroupId)),
  );
  const assigned = assignments.some(
    (a) =>
      (a.PrincipalType === 'USER' && a.PrincipalId === userId) ||
      (a.PrincipalType === 'GROUP' && groups.has(String(a.PrincipalId))),
  );
  if (!user) return text(404, `No user ${userId.slice(0, 40)} (give ?user=<UserId>).`);
  if (!assigned && app.AssignmentRequired !== false) return text(403, 'The user is not assigned to this application.');
  const response = Buffer.from(signedSamlResponse(seed, app, settings, user, now)).toString('base64');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!DOCTYPE html><html><head><title>Signing in</title></head><body onload="document.forms[0].submit()">` +
      `<form method="post" action="${xmlText(settings.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${response}"/>` +
      `<noscript><button type="submit">Continue</button></noscript></form></body></html>`,
  );
}
