import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sign } from '../../tools/generators/samlAttacks';
import { fixture } from '../unit/helpers';
import { api, closeAllEditors, noReportAfter, noticeAfter, reportAfter, waitFor, workspaceUri } from './helpers';

describe('SAML response and metadata', () => {
  before(api);
  afterEach(closeAllEditors);

  it('Decode SAML Response shows the formatted XML and a report checked against the workspace config', async () => {
    const captured = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('captured-response.b64'))).toString(
      'utf8',
    );
    const report = await reportAfter(/SAML response checks/, () =>
      vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', captured),
    );
    const text = report.getText();
    // The workspace's config has the certificate that signed the fixture: the signatures verify.
    assert.match(text, /response signed, assertion signed: verified/);
    assert.match(text, /Attribute `roles` \| `agent`/);
    assert.match(text, /allowing 180 s of clock skew/, 'the default allowance');
    const xml = await waitFor('the decoded XML', () =>
      vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('SAML response.xml')).pop(),
    );
    assert.match(xml.getText(), /\n\s+<saml2:Assertion/);
    assert.equal(xml.uri.scheme, 'frontline-sso-report', 'read-only, never written to disk');
  });

  it('the clock-skew allowance comes from frontlineSso.saml.clockSkewSeconds', async () => {
    const captured = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('captured-response.b64'))).toString(
      'utf8',
    );
    const settings = vscode.workspace.getConfiguration('frontlineSso');
    await settings.update('saml.clockSkewSeconds', 45, vscode.ConfigurationTarget.Workspace);
    try {
      const report = await reportAfter(/SAML response checks/, () =>
        vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', captured),
      );
      assert.match(report.getText(), /allowing 45 s of clock skew/);
    } finally {
      await settings.update('saml.clockSkewSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a config certificate that is base64 but not a certificate is a finding in the report, not a failure', async () => {
    const captured = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('captured-response.b64'))).toString(
      'utf8',
    );
    const certificate = workspaceUri('aws-idc.pem');
    const original = await vscode.workspace.fs.readFile(certificate);
    await vscode.workspace.fs.writeFile(certificate, Buffer.from(Buffer.from('not DER at all').toString('base64')));
    try {
      const report = await reportAfter(/SAML response checks/, () =>
        vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', captured),
      );
      const text = report.getText();
      assert.match(text, /The configured IdP certificate cannot be used to verify the signatures/);
      assert.match(text, /saml-certificate-unusable/);
    } finally {
      await vscode.workspace.fs.writeFile(certificate, original);
    }
  });

  it('loads the XML stack only when first needed', async () => {
    const exports = await api();
    assert.equal(exports.loadedParts().saml, true);
  });

  it('metadata is written into a config as one undoable edit, keeping comments', async () => {
    // The command, as from the Explorer's context menu on the metadata file, with its "Write into" choice made.
    const metadataUri = workspaceUri('aws-idc-metadata.xml');
    const target = workspaceUri('team.frontline-sso.json');
    await vscode.workspace.fs.writeFile(
      target,
      Buffer.from(
        '{\n  // our team\n  "realmSid": "JB0123456789abcdef0123456789abcdef",\n  "identityProvider": { "certificateFile": "./old.pem" }\n}\n',
      ),
    );
    const message = await noticeAfter('info', /^Wrote the issuer/, () =>
      vscode.commands.executeCommand('frontlineSso.importMetadata', metadataUri, { writeInto: target }),
    );
    assert.equal(
      message,
      'Wrote the issuer, sign-in URL and certificate into team.frontline-sso.json. Undo reverts it.',
    );
    const issuer = /<md:EntityDescriptor[^>]*entityID="([^"]+)"/.exec(
      Buffer.from(await vscode.workspace.fs.readFile(metadataUri)).toString('utf8'),
    )?.[1];
    assert.ok(issuer, 'the metadata names its issuer');
    const doc = await vscode.workspace.openTextDocument(target);
    const text = doc.getText();
    assert.match(text, /\/\/ our team/);
    assert.match(text, new RegExp(`"issuer": "${issuer.replace(/[/.]/g, '\\$&')}"`));
    assert.match(text, /"certificate": "-----BEGIN CERTIFICATE-----\\n/);
    assert.match(text, /"metadataFile": "\.\/aws-idc-metadata\.xml"/);
    assert.doesNotMatch(text, /old\.pem/);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /old\.pem/);
    assert.doesNotMatch(doc.getText(), /"issuer"/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.workspace.fs.delete(target);
  });

  it('a HAR file with two SAML requests: the one chosen in the QuickPick is decoded, and its report can be copied redacted', async () => {
    const captured = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('captured-response.b64'))).toString(
      'utf8',
    );
    const entry = (time: string, text: string) => ({
      startedDateTime: time,
      request: {
        method: 'POST',
        url: 'https://iam.twilio.com/v2/saml2/authenticate/JB0123456789abcdef0123456789abcdef',
        postData: { mimeType: 'application/x-www-form-urlencoded', text },
      },
      response: { status: 302, content: { text: 'x'.repeat(10_000) } },
    });
    const har = {
      log: {
        version: '1.2',
        entries: [
          { startedDateTime: '2026-12-01T11:59:00.000Z', request: { method: 'GET', url: 'https://example.com/' } },
          entry('2026-12-01T12:00:00.000Z', 'SAMLResponse=broken&RelayState='),
          entry('2026-12-01T12:00:30.000Z', `SAMLResponse=${encodeURIComponent(captured)}&RelayState=`),
        ],
      },
    };
    const harUri = workspaceUri('sign-in.har');
    await vscode.workspace.fs.writeFile(harUri, Buffer.from(JSON.stringify(har)));
    const report = await reportAfter(/SAML response checks/, async () => {
      // As from the Explorer's context menu. The QuickPick lists both requests, latest first: accept the first item
      // (once the QuickPick is there, which takes a moment).
      let settled = false;
      const running = Promise.resolve(
        vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', harUri),
      ).finally(() => (settled = true));
      for (let i = 0; i < 40 && !settled; i++) {
        await new Promise((r) => setTimeout(r, 500));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      await running;
    });
    assert.match(report.getText(), /response signed, assertion signed: verified/);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('frontlineSso.copyRedactedReport');
    const copied = await waitFor(
      'the redacted report on the clipboard',
      async () => (await vscode.env.clipboard.readText()) || undefined,
    );
    assert.match(copied, /personal data masked/);
    assert.match(copied, /sign-in\.har, request 2 \(2026-12-01T12:00:30\.000Z\)/);
    assert.match(copied, /NameID: •••@example\.com/);
    assert.doesNotMatch(copied, /jane\.doe@example\.com/);
    await vscode.workspace.fs.delete(harUri);
  });

  it('without a Realm SID in the config, the provider the response names is recognised and checked (issue 26)', async () => {
    const acs = 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef';
    const flex = sign(
      sign(
        fixture('saml', 'valid.xml')
          .trim()
          .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '')
          .replace(/Destination="[^"]*"/, `Destination="${acs}"`)
          .replace(/Recipient="[^"]*"/, `Recipient="${acs}"`)
          .replace(/<saml2:Audience>[^<]*</, '<saml2:Audience>urn:flex:JQ0123456789abcdef0123456789abcdef<'),
        { id: '_a0f1c2d3e4', after: "//*[local-name()='Assertion']/*[local-name()='Issuer']" },
      ),
      { id: '_r9e8d7c6b5', after: "/*/*[local-name()='Issuer']" },
    );
    const config = workspaceUri('frontline-sso.json');
    const original = await vscode.workspace.fs.readFile(config);
    const withoutRealm = Buffer.from(original)
      .toString('utf8')
      .replace(/"realmSid":\s*"[^"]*",?/, '');
    assert.doesNotMatch(withoutRealm, /realmSid/);
    await vscode.workspace.fs.writeFile(config, Buffer.from(withoutRealm));
    try {
      // The config is read through its document, which follows the file on disk a moment later.
      await waitFor('the config without realmSid', async () =>
        (await vscode.workspace.openTextDocument(config)).getText().includes('realmSid') ? undefined : true,
      );
      const report = await reportAfter(/SAML response checks/, () =>
        vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', Buffer.from(flex).toString('base64')),
      );
      const text = report.getText();
      assert.match(text, /the Destination names Twilio Flex \(enhanced SSO\) \(provider twilio-flex/);
      assert.match(text, /\*\*Flex would reject this response/, 'full_name is missing');
      assert.match(text, /No \\<Attribute Name="full\\_name"\\> in the assertion/);
      assert.doesNotMatch(text, /saml-destination|saml-audience|saml-no-realm/);
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
    }
  });

  it('garbage input gives a clear message and no report', async () => {
    await noReportAfter(/SAML response checks/, () =>
      vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', '%%%not base64%%%'),
    );
  });
});
