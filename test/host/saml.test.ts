import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, noReportAfter, reportAfter, waitFor, workspaceUri } from './helpers';

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
    const xml = await waitFor('the decoded XML', () =>
      vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('SAML response.xml')).pop(),
    );
    assert.match(xml.getText(), /\n\s+<saml2:Assertion/);
    assert.equal(xml.uri.scheme, 'frontline-sso-report', 'read-only, never written to disk');
  });

  it('loads the XML stack only when first needed', async () => {
    const exports = await api();
    assert.equal(exports.loadedParts().saml, true);
  });

  it('metadata is written into a config as one undoable edit, keeping comments', async () => {
    // The same function the command's "Write into frontline-sso.json" choice runs.
    const { writeMetadataIntoConfig } = await import('../../src/saml/register');
    const { checkIdpMetadata } = await import('../../src/core/saml/metadata');
    const metadataUri = workspaceUri('aws-idc-metadata.xml');
    const report = checkIdpMetadata(await vscode.workspace.fs.readFile(metadataUri));
    const target = workspaceUri('team.frontline-sso.json');
    await vscode.workspace.fs.writeFile(
      target,
      Buffer.from(
        '{\n  // our team\n  "realmSid": "JB0123456789abcdef0123456789abcdef",\n  "identityProvider": { "certificateFile": "./old.pem" }\n}\n',
      ),
    );
    assert.ok(await writeMetadataIntoConfig(target, report, metadataUri));
    const doc = await vscode.workspace.openTextDocument(target);
    const text = doc.getText();
    assert.match(text, /\/\/ our team/);
    assert.match(text, new RegExp(`"issuer": "${report.issuer.replace(/[/.]/g, '\\$&')}"`));
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

  it('garbage input gives a clear message and no report', async () => {
    await noReportAfter(/SAML response checks/, () =>
      vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', '%%%not base64%%%'),
    );
  });
});
