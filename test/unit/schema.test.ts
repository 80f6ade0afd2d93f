import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { FIXTURES } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const schema = (name: string) =>
  new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')));
const jsonc = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8'), [], { allowTrailingComma: true });

test('the contributed schemas accept the examples', () => {
  const config = schema('frontline-sso.schema.json');
  assert.ok(config(jsonc('examples/frontline-sso.json')), JSON.stringify(config.errors));
  const mappings = schema('attribute-mappings.schema.json');
  assert.ok(mappings(jsonc('examples/team.attribute-mappings.json')), JSON.stringify(mappings.errors));
  assert.ok(mappings({ attributeMappings: jsonc('examples/team.attribute-mappings.json') }));
});

test('the schemas reject what the contract does not allow', () => {
  const config = schema('frontline-sso.schema.json');
  assert.equal(config({ realmSid: 'AC123' }), false);
  assert.equal(config({ realmSID: 'JB0123456789abcdef0123456789abcdef' }), false);
  assert.equal(config({ attributeMappings: [{ attribute: 'email' }] }), false);
  const mappings = schema('attribute-mappings.schema.json');
  assert.equal(mappings({ mappings: [] }), false);
});
