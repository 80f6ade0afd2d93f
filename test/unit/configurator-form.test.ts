// The configurator's form logic and its host ⇄ webview protocol.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configFromForm, emptyFormState, formFromConfig, validateForm } from '../../src/configurator/form';
import { lintText } from '../../src/core/lint';
import { isFormState, parseToHost, parseToWebview } from '../../src/configurator/webview/protocol';
import { ISSUER, REALM, fixture } from './helpers';

const CERT = fixture('idp', 'idp.pem');

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
