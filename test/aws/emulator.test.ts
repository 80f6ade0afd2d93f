import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSeed } from '../../tools/emulator/seed';
import { withEmulator } from '../support/emulator';

describe('the emulator answers malformed requests with AWS-shaped errors', () => {
  const emu = withEmulator(loadSeed());

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${emu.endpoint}${path}`, { method: 'POST', body, headers });
    return {
      status: res.status,
      type: res.headers.get('x-amzn-errortype'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  test('a malformed JSON body is a SerializationException, and the emulator keeps serving', async () => {
    // The emulator checks the shape of the SigV4 header, not the signature itself.
    const signed = {
      'x-amz-target': 'SWBExternalService.ListInstances',
      'x-amz-date': '20260101T000000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20260101/us-east-1/sso/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
    };
    for (const body of ['{"InstanceArn": ', '[1, 2]', 'null', '\u0000']) {
      const r = await post('/', body, signed);
      assert.equal(r.status, 400, body);
      assert.equal(r.type, 'SerializationException', body);
      assert.match(String(r.body.message), /not valid JSON|must be a JSON object/);
    }
    assert.equal((await post('/', '{}', signed)).status, 200);
    for (const body of ['{"bad json', '[]', '{ "latencyMs": "slow" }', '{ "nope": 1 }', '{ "accessDenied": [1] }']) {
      const r = await post('/__emulator/config', body);
      assert.equal(r.status, 400, body);
      assert.match(String(r.body.__type), /SerializationException|ValidationException/, body);
      assert.equal(typeof r.body.message, 'string');
    }
    const ok = await post('/__emulator/config', '{ "latencyMs": 0, "accessDenied": [] }');
    assert.equal(ok.status, 200);
    assert.equal((ok.body.switches as { latencyMs: number }).latencyMs, 0);
  });

  test('an oversized body is refused', async () => {
    const r = await post('/__emulator/config', `{"x": "${'a'.repeat(1100 * 1024)}"}`);
    assert.equal(r.status, 413);
    assert.equal(r.body.__type, 'SerializationException');
  });
});
