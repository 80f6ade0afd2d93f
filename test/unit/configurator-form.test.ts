// The configurator's form logic and its host ⇄ webview protocol.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  configFromForm,
  emptyFormState,
  formFromConfig,
  providerSummaries,
  recogniseInForm,
  unknownProviderProblem,
  validateForm,
} from '../../src/configurator/form';
import { lintText } from '../../src/core/lint';
import { FormState, isFormState, parseToHost, parseToWebview } from '../../src/configurator/webview/protocol';
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

describe('the configurator form for a service provider other than Frontline', () => {
  const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
  const flex = (): FormState => ({
    ...emptyFormState(),
    provider: 'twilio-flex',
    params: { 'twilio-flex': { connection: ` ${CONNECTION} `, region: '' }, 'twilio-frontline': {} },
    realmSid: REALM,
    workspaceId: 'acme',
    mappings: providerSummaries().find((p) => p.id === 'twilio-flex')!.mappings,
  });

  test('saves serviceProvider {id, params} without the Frontline keys; the linter takes the config as Flex', () => {
    const config = configFromForm(flex());
    assert.deepEqual(config.serviceProvider, { id: 'twilio-flex', params: { connection: CONNECTION } });
    assert.equal('realmSid' in config, false);
    assert.equal('workspaceId' in config, false);
    const findings = lintText(JSON.stringify(config), { kind: 'config' });
    assert.deepEqual(
      findings.filter((f) => f.code.startsWith('provider-') || f.code.startsWith('realm')),
      [],
    );
  });

  test('the param check is the linter’s, under its field; the values are the provider’s', () => {
    const state = flex();
    state.params['twilio-flex'] = { connection: 'JQ123' };
    const bad = validateForm(state);
    assert.equal(bad.params?.connection?.level, 'error');
    assert.match(bad.params?.connection?.messages[0] ?? '', /"JQ123" does not have the expected form.*Example: JQ0123/);
    assert.equal(bad.params?.region?.level, 'empty');
    assert.equal(bad.acsUrl, undefined);
    assert.ok(bad.remaining.some((r) => r.startsWith('Enter the Connection ID: Flex Console')));
    assert.ok(!bad.remaining.some((r) => /Workspace ID|application properties/.test(r)), bad.remaining.join('\n'));
    const good = validateForm(flex());
    assert.equal(good.provider, 'twilio-flex');
    assert.equal(good.acsUrl, `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`);
    assert.equal(good.audience, `urn:flex:${CONNECTION}`);
    assert.equal(good.params?.connection?.level, 'ok');
  });

  test('a Flex config loads back with its params; custom takes serviceProvider.acsUrl/audience as params', () => {
    const state = formFromConfig(JSON.stringify(configFromForm(flex())));
    assert.equal(state.provider, 'twilio-flex');
    assert.deepEqual(state.params, { 'twilio-flex': { connection: CONNECTION } });
    const custom = formFromConfig(
      '{"serviceProvider": {"id": "custom", "acsUrl": "https://a.example/acs", "params": {"audience": "urn:a", "x": "y"}}}',
    );
    assert.deepEqual(custom.params, { custom: { acsUrl: 'https://a.example/acs', audience: 'urn:a' } });
    assert.equal(unknownProviderProblem(custom), undefined);
    const unknown = formFromConfig('{"serviceProvider": {"id": "acme-sso", "params": {"k": "v"}}}');
    assert.match(unknownProviderProblem(unknown) ?? '', /"acme-sso" is not one of the built-in providers/);
  });

  test('a pasted ACS URL or audience switches the form to its provider, keeping what was typed', () => {
    const state = {
      ...emptyFormState(),
      realmSid: `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`,
    };
    const r = recogniseInForm(state, emptyFormState());
    assert.equal(r?.state.provider, 'twilio-flex');
    assert.deepEqual(r?.state.params['twilio-flex'], { connection: CONNECTION, region: 'us1' });
    assert.equal(r?.state.realmSid, '');
    assert.deepEqual(
      r?.state.mappings.map((m) => m.attribute),
      ['email', 'full_name', 'roles'],
    );
    assert.match(
      r?.message ?? '',
      /ACS URL of Twilio Flex \(enhanced SSO\) \(twilio-flex\).*Connection ID and Flex region/,
    );
    // Back to Frontline from a Flex field, with a Frontline audience.
    const back = recogniseInForm(
      { ...r!.state, params: { 'twilio-flex': { connection: `https://iam.twilio.com/v2/saml2/metadata/${REALM}` } } },
      r!.state,
    );
    assert.equal(back?.state.provider, 'twilio-frontline');
    assert.equal(back?.state.realmSid, REALM);
    // Unchanged values, a Frontline URL in the Realm SID field, and custom are left alone.
    assert.equal(recogniseInForm(state, state), undefined);
    assert.equal(
      recogniseInForm({ ...emptyFormState(), realmSid: `https://iam.twilio.com/v2/saml2/metadata/${REALM}` }),
      undefined,
    );
    assert.equal(
      recogniseInForm({ ...emptyFormState(), provider: 'custom', params: { custom: { acsUrl: state.realmSid } } }),
      undefined,
    );
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
