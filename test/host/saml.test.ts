import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, noReportAfter, reportAfter, waitFor, workspaceUri } from './helpers';

describe('SAML response and metadata', () => {
  before(api);
  afterEach(closeAllEditors);

  it('Decode SAML Response shows the formatted XML and a report checked against the workspace config', async () => {
    const captured = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri('captured-response.b64'))).toString('utf8');
    const report = await reportAfter(/SAML response checks/, () => vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', captured));
    const text = report.getText();
    // The workspace's config has the certificate that signed the fixture: the signatures verify.
    assert.match(text, /response signed, assertion signed: verified/);
    assert.match(text, /Attribute `roles` \| `agent`/);
    const xml = await waitFor('the decoded XML', () => vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('SAML response.xml')).pop());
    assert.match(xml.getText(), /\n\s+<saml2:Assertion/);
    assert.equal(xml.uri.scheme, 'frontline-sso-report', 'read-only, never written to disk');
  });

  it('loads the XML stack only when first needed', async () => {
    const exports = await api();
    assert.equal(exports.loadedParts().saml, true);
  });

  it('garbage input gives a clear message and no report', async () => {
    await noReportAfter(/SAML response checks/, () => vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', '%%%not base64%%%'));
  });
});
