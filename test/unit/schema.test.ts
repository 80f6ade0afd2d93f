import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { CONFIG_KEYS } from '../../src/core/config/format';
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

test('the schemas check no values, so that no mistake is reported twice (the linter does that)', () => {
  const text = ['frontline-sso', 'attribute-mappings']
    .map((n) => readFileSync(join(ROOT, 'schemas', `${n}.schema.json`), 'utf8'))
    .join('\n');
  for (const keyword of ['"type"', '"pattern"', '"required"', '"additionalProperties"', '"enum"', '"oneOf"']) {
    assert.ok(!text.includes(`${keyword}:`), `no ${keyword} in the schemas`);
  }
  const config = schema('frontline-sso.schema.json');
  assert.ok(config(jsonc('examples/broken.frontline-sso.json')), 'the broken example gets no schema problem');
  assert.ok(config({ realmSid: 42, attributeMappings: 'x', extra: true }));
});

test('completion and hover: every property of the config format is in the schema with its help', () => {
  interface Help {
    markdownDescription?: string;
    defaultSnippets?: unknown[];
    properties?: Record<string, Help>;
  }
  const json = JSON.parse(readFileSync(join(ROOT, 'schemas', 'frontline-sso.schema.json'), 'utf8')) as {
    properties: Record<string, Help>;
  };
  for (const [section, keys] of Object.entries(CONFIG_KEYS)) {
    for (const key of keys) {
      const entry = section ? json.properties[section]?.properties?.[key] : json.properties[key];
      assert.ok(entry?.markdownDescription, `${section}.${key} has help`);
      assert.ok(entry?.defaultSnippets?.length, `${section}.${key} completes a value`);
    }
  }
});
