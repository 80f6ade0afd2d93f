import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, reportAfter } from './helpers';

const REALM = 'JB0123456789abcdef0123456789abcdef';

describe('Validate Frontline Values', () => {
  before(api);
  afterEach(closeAllEditors);

  it("reports another realm's ACS URL with the right value", async () => {
    const report = await reportAfter(/Frontline values/, () =>
      vscode.commands.executeCommand(
        'frontlineSso.validateValues',
        `Realm ${REALM}\nACS https://iam.twilio.com/v2/saml2/authenticate/JBfedcba9876543210fedcba9876543210`,
      ),
    );
    const text = report.getText();
    assert.match(
      text,
      /The ACS URL is for realm JBfedcba9876543210fedcba9876543210, not JB0123456789abcdef0123456789abcdef/,
    );
    assert.match(text, new RegExp(`Correct value:\\s+\`\`\`\\s+https://iam.twilio.com/v2/saml2/authenticate/${REALM}`));
  });

  it('a consistent set reports no problems', async () => {
    const report = await reportAfter(/Frontline values/, () =>
      vscode.commands.executeCommand(
        'frontlineSso.validateValues',
        `https://iam.twilio.com/v2/saml2/authenticate/${REALM} https://iam.twilio.com/v2/saml2/metadata/${REALM}`,
      ),
    );
    assert.match(report.getText(), /All values are consistent/);
  });
});
