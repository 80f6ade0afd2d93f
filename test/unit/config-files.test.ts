// Reading, editing and creating config files (src/core/configFile, configEdits, newConfig).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { minimalEdit, updateConfigText } from '../../src/core/config/edits';
import { expectationsFromConfig, readConfig } from '../../src/core/config/file';
import { InputError } from '../../src/core/common/findings';
import { lintText } from '../../src/core/lint';
import { newConfigText } from '../../src/core/config/newConfig';
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

describe('new config', () => {
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
});
