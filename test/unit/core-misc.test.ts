import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applicationTraits, consoleUrl } from '../../src/core/applications';
import { compareApplicationWithConfig } from '../../src/core/compare';
import { minimalEdit, updateConfigText } from '../../src/core/configEdits';
import { expectationsFromConfig, readConfig } from '../../src/core/configFile';
import { InputError } from '../../src/core/findings';
import { configFromForm, emptyFormState, formFromConfig, validateForm } from '../../src/configurator/form';
import { lintText } from '../../src/core/lint';
import { newConfigText } from '../../src/core/newConfig';
import { closest, editDistance, lineColumn, lineStarts } from '../../src/core/text';
import { isFormState, parseToHost, parseToWebview } from '../../src/webviews/protocol';
import { ISSUER, REALM, fixture, loadFiles } from './helpers';

const CERT = fixture('idp', 'idp.pem');

describe('config edits', () => {
  test('updates keep comments and layout, and come back as one minimal edit', () => {
    const text = '{\n  // keep me\n  "realmSid": "x",\n  "workspaceId": "a"\n}\n';
    const { text: out, edit } = updateConfigText(text, [
      { path: ['workspaceId'], value: 'b' },
      { path: ['identityProvider', 'issuer'], value: ISSUER },
    ]);
    assert.match(out, /\/\/ keep me/);
    assert.match(out, /"workspaceId": "b"/);
    assert.equal(JSON.parse(out.replace(/\/\/.*\n/, '')).identityProvider.issuer, ISSUER);
    assert.ok(edit);
    assert.equal(text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length), out);
    assert.ok(edit.offset > text.indexOf('keep me'), 'the unchanged start is left alone');
  });

  test('removing an absent property changes nothing; an empty file becomes an object', () => {
    assert.equal(updateConfigText('{ "a": 1 }', [{ path: ['b'], value: undefined }]).edit, undefined);
    assert.deepEqual(JSON.parse(updateConfigText('', [{ path: ['a'], value: 1 }]).text), { a: 1 });
  });

  test('minimal edits', () => {
    assert.equal(minimalEdit('same', 'same'), undefined);
    assert.deepEqual(minimalEdit('abcXdef', 'abcYYdef'), { offset: 3, length: 1, newText: 'YY' });
    assert.deepEqual(minimalEdit('abc', 'abcd'), { offset: 3, length: 0, newText: 'd' });
  });
});

describe('config reading', () => {
  const config = JSON.stringify({
    realmSid: ` ${REALM} `,
    identityProvider: { issuer: ISSUER, certificateFile: 'idp.pem' },
    application: { applicationArn: 'arn:x', region: 'eu-west-1' },
  });

  test('values, with the certificate read from its file only when asked', () => {
    assert.deepEqual(readConfig(config), {
      realmSid: REALM,
      workspaceId: undefined,
      issuer: ISSUER,
      ssoUrl: undefined,
      certificate: undefined,
      certificateFile: 'idp.pem',
      applicationArn: 'arn:x',
      region: 'eu-west-1',
    });
    const read: string[] = [];
    const e = expectationsFromConfig(
      config,
      loadFiles(config, (p) => {
        read.push(p);
        return Buffer.from(CERT);
      }),
    );
    assert.deepEqual(read, ['idp.pem']);
    assert.equal(e.certificatePem, CERT);
  });

  test('unreadable configs and certificate files are input errors', () => {
    assert.throws(() => readConfig('{ "realmSid": '), InputError);
    assert.throws(() => readConfig('[1]'), InputError);
    assert.throws(
      () =>
        expectationsFromConfig(
          config,
          loadFiles(config, () => {
            throw new Error('ENOENT');
          }),
        ),
      /certificateFile "idp.pem" cannot be read/,
    );
  });
});

describe('the configurator form logic', () => {
  test('an empty form lists everything that is left and reports no errors for untouched fields', () => {
    const v = validateForm(emptyFormState());
    assert.equal(v.errors, 0);
    assert.equal(v.fields.realmSid.level, 'empty');
    assert.equal(v.remaining.length, 6);
    assert.equal(v.acsUrl, undefined);
  });

  test('a complete form is consistent, and saves the config the linter accepts', () => {
    const state = {
      ...emptyFormState(),
      realmSid: REALM,
      workspaceId: 'acme',
      issuer: ISSUER,
      ssoUrl: ISSUER,
      certificate: CERT,
      checklist: { startUrlBlank: true, relayStateBlank: true, sessionOneHour: true, usersAssigned: true },
    };
    const v = validateForm(state, new Date('2027-01-01T00:00:00Z'));
    assert.deepEqual(
      { errors: v.errors, warnings: v.warnings, remaining: v.remaining },
      { errors: 0, warnings: 0, remaining: [] },
    );
    assert.equal(v.acsUrl, `https://iam.twilio.com/v2/saml2/authenticate/${REALM}`);
    assert.match(v.certificate!.subject, /amazonaws\.com/);
    const text = JSON.stringify(configFromForm(state), null, 2);
    assert.deepEqual(lintText(text, { kind: 'config', now: new Date('2027-01-01T00:00:00Z') }), []);
  });

  test('findings land on their field and mapping row', () => {
    const state = { ...emptyFormState(), realmSid: 'JB12', issuer: ISSUER.replace('/assertion/', '/metadata/') };
    state.mappings[1]!.value = '${user:emial}';
    const v = validateForm(state);
    assert.equal(v.fields.realmSid.level, 'error');
    assert.match(v.fields.issuer.messages.join(), /metadata URL/);
    assert.equal(v.mappingRows[1]!.level, 'error');
    assert.equal(v.mappingRows[0]!.level, 'ok');
    const missing = { ...emptyFormState(), mappings: [] };
    assert.ok(validateForm(missing).general.some((m) => /Subject/.test(m)));
  });

  test('a config file loads back into the form', () => {
    const state = {
      ...emptyFormState(),
      realmSid: REALM,
      workspaceId: 'acme',
      issuer: ISSUER,
      ssoUrl: ISSUER,
      certificate: CERT,
    };
    const text = JSON.stringify(configFromForm(state));
    const loaded = formFromConfig(text);
    assert.equal(loaded.realmSid, REALM);
    assert.equal(loaded.certificate.trim(), CERT.trim());
    assert.deepEqual(loaded.mappings, state.mappings);
    // A certificate file stays a reference: its text never enters the form (the webview's state).
    const fromFile = formFromConfig('{ "identityProvider": { "certificateFile": "a.pem" } }');
    assert.deepEqual([fromFile.certificate, fromFile.certificateFile], ['', 'a.pem']);
    assert.deepEqual(formFromConfig('not json'), emptyFormState());
    // Duplicate keys: the form reads the last one, as lint and the CLI do.
    assert.equal(formFromConfig(`{ "realmSid": "JBold", "realmSid": "${REALM}" }`).realmSid, REALM);
  });
});

describe('the host ⇄ webview protocol', () => {
  test('accepts its own messages and refuses everything else', () => {
    const state = emptyFormState();
    assert.deepEqual(parseToHost({ type: 'change', state }), { type: 'change', state });
    assert.deepEqual(parseToHost({ type: 'ready' }), { type: 'ready', state: undefined });
    assert.equal(parseToHost({ type: 'change', state: { ...state, realmSid: 1 } }), undefined);
    assert.equal(parseToHost({ type: 'eval', code: 'x' }), undefined);
    assert.equal(parseToHost('save'), undefined);
    assert.equal(parseToHost({ type: 'copy', text: 'x'.repeat(2 * 1024 * 1024), label: 'big' }), undefined);
    assert.equal(isFormState({ ...state, mappings: Array.from({ length: 101 }, () => state.mappings[0]) }), false);
    assert.deepEqual(parseToWebview({ type: 'notice', level: 'info', message: 'hi' }), {
      type: 'notice',
      level: 'info',
      message: 'hi',
    });
    assert.equal(parseToWebview({ type: 'notice', level: 'fatal', message: 'hi' }), undefined);
    assert.ok(parseToWebview({ type: 'validation', validation: validateForm(state) }));
    assert.equal(parseToWebview({ type: 'validation', validation: { fields: {} } }), undefined);
  });
});

describe('applications', () => {
  const app = {
    name: 'Twilio-Frontline',
    applicationArn: 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef',
    applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
  };

  test('custom SAML and likely-Frontline applications are recognised from the provider, not a fixed ARN', () => {
    assert.deepEqual(
      applicationTraits(app, { federationProtocol: 'SAML', displayName: 'Custom SAML 2.0 application' }),
      { federationProtocol: 'SAML', customSaml: true, likelyFrontline: true },
    );
    assert.deepEqual(
      applicationTraits(
        {
          ...app,
          name: 'Salesforce',
          applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/catalog/salesforce',
        },
        { federationProtocol: 'SAML', displayName: 'Salesforce' },
      ),
      { federationProtocol: 'SAML', customSaml: false, likelyFrontline: false },
    );
    assert.equal(
      applicationTraits({ ...app, name: 'support' }, undefined, new Set([app.applicationArn])).likelyFrontline,
      true,
    );
    assert.equal(applicationTraits({ ...app, name: 'x' }, { federationProtocol: 'OAUTH' }).customSaml, false);
  });

  test('console links per partition', () => {
    assert.match(
      consoleUrl('eu-west-1', app.applicationArn),
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/singlesignon\/.*apl-0123456789abcdef$/,
    );
    assert.match(consoleUrl('cn-north-1', app.applicationArn), /console\.amazonaws\.cn/);
    assert.match(consoleUrl('us-gov-west-1', app.applicationArn), /console\.amazonaws-us-gov\.com/);
  });

  test('comparing an application with a config', () => {
    const facts = {
      applicationArn: app.applicationArn,
      name: app.name,
      status: 'ENABLED',
      applicationAccount: '123456789012',
      federationProtocol: 'SAML',
      customSaml: true,
      assignmentRequired: true,
      assignmentCount: 2,
      region: 'us-east-1',
    };
    const codes = (f: { code: string }[]) => f.map((x) => x.code);
    assert.deepEqual(
      codes(compareApplicationWithConfig(facts, { issuer: ISSUER, applicationArn: app.applicationArn })),
      ['compare-api-limits'],
    );
    assert.deepEqual(
      codes(
        compareApplicationWithConfig(
          {
            ...facts,
            status: 'DISABLED',
            assignmentCount: 0,
            federationProtocol: 'OAUTH',
            customSaml: false,
            region: 'eu-west-1',
          },
          { issuer: ISSUER },
        ),
      ),
      ['compare-protocol', 'compare-disabled', 'compare-no-assignments', 'compare-region', 'compare-api-limits'],
    );
    assert.deepEqual(
      codes(
        compareApplicationWithConfig(
          { ...facts, applicationAccount: '999999999999' },
          { issuer: ISSUER, applicationArn: 'arn:other' },
        ),
      ),
      ['compare-arn', 'compare-account', 'compare-api-limits'],
    );
  });
});

describe('new config and text helpers', () => {
  test('a new config with a Realm SID only misses what the user must add', () => {
    const codes = lintText(newConfigText(REALM), {
      kind: 'config',
      files: loadFiles(newConfigText(REALM), () => Buffer.from(CERT)),
    })
      .filter((f) => f.severity === 'error')
      .map((f) => f.code);
    assert.deepEqual(codes.sort(), ['idp-issuer-empty', 'idp-ssoUrl-empty', 'workspace-id-empty']);
    assert.ok(
      lintText(newConfigText(), { kind: 'config', files: loadFiles(newConfigText(), () => Buffer.from(CERT)) }).some(
        (f) => f.code === 'realm-sid-empty',
      ),
    );
  });

  test('edit distance, closest word, line and column', () => {
    assert.equal(editDistance('emial', 'email'), 2);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(closest('emial', ['email', 'name']), 'email');
    assert.equal(closest('zzzzzz', ['email']), undefined);
    const starts = lineStarts('ab\ncd\n\nef');
    assert.deepEqual(lineColumn(starts, 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumn(starts, 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn(starts, 7), { line: 4, column: 1 });
  });
});
