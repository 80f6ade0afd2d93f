// Issue 27 item 3: src/core runs in a browser web worker as well as in Node. It bundles for the browser without any
// Node built-in, and its replacements for Buffer and net.isIP read exactly as Node's did.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { isIP } from 'node:net';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import fc from 'fast-check';
import { base64ToBytes, bytesToBase64, latin1Decode, utf8Decode, utf8Length } from '../../src/core/common/bytes';
import { ipVersion } from '../../src/core/common/ip';
import { FIXTURES } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const RUNS = { numRuns: 2_000, seed: 27 };

function coreFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return coreFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

test('every module of src/core bundles for the browser, with no Node built-in', async () => {
  const entryPoints = coreFiles(join(ROOT, 'src', 'core'));
  assert.ok(entryPoints.length > 50, `${entryPoints.length} modules`);
  const result = await build({
    entryPoints,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    outdir: join(ROOT, 'out', 'core-web-bundle'),
    metafile: true,
    logLevel: 'silent',
  }).catch((err: { errors?: Array<{ text: string; location?: { file: string } | null }> }) => {
    const errors = (err.errors ?? []).map((e) => `${e.location?.file ?? ''}: ${e.text}`);
    assert.fail(`src/core does not bundle for the browser:\n${errors.slice(0, 10).join('\n')}`);
  });
  const imported = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    input.imports
      .filter((i) => builtinModules.includes(i.path.replace(/^node:/, '')))
      .map((i) => `${relative(ROOT, file)} → ${i.path}`),
  );
  assert.deepEqual(imported, [], 'no Node built-in is imported');
});

test('base64 decodes as Buffer.from(text, "base64"): stray characters skipped, the first "=" ends it', () => {
  const base64ish = fc.string({ unit: fc.constantFrom(...'AQZaqz09+/-_= \n\r\t!é*'.split('')), maxLength: 80 });
  fc.assert(
    fc.property(fc.oneof(base64ish, fc.string({ maxLength: 40 })), (text) => {
      assert.deepEqual(base64ToBytes(text), new Uint8Array(Buffer.from(text, 'base64')), JSON.stringify(text));
    }),
    RUNS,
  );
});

test('base64, UTF-8 and Latin-1 of bytes read as Buffer read them (byte-order mark and bad sequences too)', () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.uint8Array({ maxLength: 64 }).map((b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b])),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      const buffer = Buffer.from(b);
      assert.equal(bytesToBase64(b), buffer.toString('base64'));
      assert.equal(utf8Decode(b), buffer.toString('utf8'));
      assert.equal(latin1Decode(b), buffer.toString('latin1'));
    }),
    RUNS,
  );
});

test('UTF-8 length is Buffer.byteLength, lone surrogates included', () => {
  const text = fc.string({
    unit: fc.oneof(fc.constantFrom('\ud800', '\udc00', '\ud83d\ude00'), fc.string({ unit: 'grapheme', maxLength: 1 })),
  });
  fc.assert(
    fc.property(fc.oneof(fc.string(), text), (s) => {
      assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
    }),
    RUNS,
  );
});

test('IP addresses are recognised as net.isIP recognises them', () => {
  const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
  const v4 = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 300 }))).map((p) => p.join('.'));
  const v6 = fc.array(fc.oneof(hex, fc.constant('')), { minLength: 1, maxLength: 9 }).map((g) => g.join(':'));
  const mixed = fc.tuple(v6, v4).map(([a, b]) => `${a}:${b}`);
  const zone = fc.tuple(v6, fc.constantFrom('%eth0', '%1', '%', '%x y')).map(([a, z]) => a + z);
  const noise = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.% '.split('')), maxLength: 24 });
  for (const known of [
    '::',
    '::1',
    '1::',
    '::ffff:1.2.3.4',
    '01.2.3.4',
    '1.2.3.4',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7:8',
  ]) {
    assert.equal(ipVersion(known), isIP(known), known);
  }
  fc.assert(
    fc.property(fc.oneof(v4, v6, mixed, zone, noise), (s) => {
      assert.equal(ipVersion(s), isIP(s), JSON.stringify(s));
    }),
    { ...RUNS, numRuns: 10_000 },
  );
});
