// Hostile files given to the shipped CLI (dist/cli.js): each ends with one clear line or finding, never a hang, a
// crash or an unbounded read. The spawn timeout only catches a hang; speed and memory are measured by `npm run bench`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseJsonc } from 'jsonc-parser';
import { FIXTURES, REALM, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE_CONFIG = readFileSync(join(ROOT, 'examples', 'frontline-sso.json'), 'utf8');

function cli(args: string[], options: { cwd: string; input?: string | Buffer; stdinFile?: string }) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input,
    stdio: options.stdinFile ? [openSync(options.stdinFile, 'r'), 'pipe', 'pipe'] : undefined,
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.notEqual(r.signal, 'SIGTERM', `frontline-sso ${args.join(' ')} did not finish (hang)`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

function oneLine(stderr: string, pattern: RegExp): void {
  assert.match(stderr, pattern);
  assert.equal(stderr.trim().split('\n').length, 1, `one line, got: ${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

const dir = tempDir();
const fifo = join(dir, 'pipe.pem');
spawnSync('mkfifo', [fifo]);
symlinkSync('/dev/zero', join(dir, 'zero.pem'));
symlinkSync('loop-b', join(dir, 'loop-a'));
symlinkSync('loop-a', join(dir, 'loop-b'));
mkdirSync(join(dir, 'folder.pem'));
writeFileSync(join(dir, 'huge.pem'), '');
truncateSync(join(dir, 'huge.pem'), 300 * 1024 * 1024); // sparse: reading it whole would take 300 MB

describe('hostile files given to the CLI', () => {
  for (const [what, file, pattern] of [
    ['a named pipe (FIFO)', 'pipe.pem', /pipe\.pem: it is a named pipe \(FIFO\), not a file/],
    ['/dev/zero', '/dev/zero', /it is a character device, not a file/],
    ['/dev/urandom', '/dev/urandom', /it is a character device, not a file/],
    ['a link to /dev/zero', 'zero.pem', /character device \(a link to \/dev\/zero\), not a file/],
    ['a folder', 'folder.pem', /it is a folder, not a file/],
    ['a symlink loop', 'loop-a', /symbolic link that loops/],
    ['a 300 MB file', 'huge.pem', /314,572,800 bytes; files over 1 MB are not read/],
  ] as const) {
    test(`cert refuses ${what} before reading it`, () => {
      const r = cli(['cert', file], { cwd: dir });
      assert.equal(r.code, 2);
      oneLine(r.stderr, pattern);
    });
  }

  test('metadata, saml and lint refuse a FIFO and a device the same way', () => {
    for (const command of ['metadata', 'saml', 'lint']) {
      for (const [file, pattern] of [
        ['pipe.pem', /named pipe/],
        ['/dev/zero', /character device/],
      ] as const) {
        const r = cli([command, file], { cwd: dir });
        assert.equal(r.code, 2, `${command} ${file}`);
        oneLine(r.stderr, pattern);
      }
    }
  });

  test('standard input is read only up to the cap', () => {
    const r = cli(['cert', '-'], { cwd: dir, stdinFile: '/dev/zero' });
    assert.equal(r.code, 2);
    oneLine(r.stderr, /standard input: it has over 1,048,576 bytes; files over 1 MB are not read/);
  });

  test('a config naming a FIFO and /dev/zero gets a finding for each, and other files keep their results', () => {
    const config = parseJsonc(EXAMPLE_CONFIG) as { identityProvider: Record<string, string> };
    config.identityProvider.certificateFile = './pipe.pem';
    config.identityProvider.metadataFile = '/dev/zero';
    writeFileSync(join(dir, 'hostile.frontline-sso.json'), JSON.stringify(config, null, 2));
    writeFileSync(join(dir, 'team.attribute-mappings.json'), '[{"attribute": "email"}]');
    const r = cli(['lint', 'hostile.frontline-sso.json', 'pipe.pem', 'team.attribute-mappings.json', '--json'], {
      cwd: dir,
    });
    assert.equal(r.code, 2, 'one file could not be read at all');
    const [hostile, pipe, mappings] = r.json() as Array<{
      file: string;
      diagnostics: Array<{ code: string; message: string }>;
    }>;
    const byCode = new Map(hostile!.diagnostics.map((d) => [d.code, d.message]));
    assert.match(byCode.get('cert-file-unreadable') ?? '', /"\.\/pipe\.pem" cannot be read: it is a named pipe/);
    assert.match(
      byCode.get('metadata-file-unreadable') ?? '',
      /"\/dev\/zero" cannot be read: it is a character device/,
    );
    assert.deepEqual(
      pipe!.diagnostics.map((d) => d.code),
      ['file-unreadable'],
    );
    assert.ok(
      mappings!.diagnostics.some((d) => d.code === 'mapping-value-missing'),
      'the mapping file was linted',
    );
    const saml = cli(['saml', join(FIXTURES, 'saml', 'valid.b64'), '--config', 'hostile.frontline-sso.json'], {
      cwd: dir,
    });
    assert.equal(saml.code, 2);
    oneLine(saml.stderr, /certificateFile "\.\/pipe\.pem" cannot be read: it is a named pipe/);
  });

  test('JSON: deep nesting, size, BOM, UTF-16, duplicate keys and wrong section types', () => {
    const write = (name: string, text: string | Buffer) => writeFileSync(join(dir, name), text);
    const codes = (name: string) =>
      (
        cli(['lint', name, '--json'], { cwd: dir }).json() as Array<{ diagnostics: Array<{ code: string }> }>
      )[0]!.diagnostics.map((d) => d.code);
    let deep = '"x"';
    for (let i = 0; i < 99; i++) deep = `{"a": ${deep}}`;
    write('deep.frontline-sso.json', `{"realmSid": ${deep}}`);
    assert.deepEqual(codes('deep.frontline-sso.json'), ['json-too-deep']);
    write('brackets.frontline-sso.json', '['.repeat(10_000));
    assert.deepEqual(codes('brackets.frontline-sso.json'), ['json-too-deep']);
    write('large.frontline-sso.json', `{"x": "${'a'.repeat(1024 * 1024)}"}`);
    const large = cli(['lint', 'large.frontline-sso.json'], { cwd: dir });
    assert.equal(large.code, 2);
    oneLine(large.stderr, /files over 1 MB are not read/);
    write('bom.frontline-sso.json', `\ufeff${EXAMPLE_CONFIG}`);
    assert.ok(!codes('bom.frontline-sso.json').includes('json-syntax'), 'a BOM is no syntax error');
    write('utf16.frontline-sso.json', Buffer.from(`\ufeff${EXAMPLE_CONFIG}`, 'utf16le'));
    assert.deepEqual(codes('utf16.frontline-sso.json'), ['json-encoding']);
    write('dup.frontline-sso.json', EXAMPLE_CONFIG.replace('{', `{ "realmSid": "JBnot-a-sid",`));
    const dup = codes('dup.frontline-sso.json');
    assert.ok(dup.includes('json-duplicate-key'), dup.join());
    assert.ok(!dup.some((c) => c.startsWith('realm-sid')), 'the last realmSid (valid) is the one checked');
    for (const value of [42, null, [], 'x']) {
      const config = { ...(parseJsonc(EXAMPLE_CONFIG) as object), serviceProvider: value, application: value };
      write('types.frontline-sso.json', JSON.stringify(config, null, 2));
      const found = codes('types.frontline-sso.json').filter((c) => c === 'config-type');
      assert.equal(found.length, 2, `serviceProvider and application = ${JSON.stringify(value)}`);
    }
  });

  test('the same duplicate-key rule in lint and saml --config: the last value wins', () => {
    // The first realmSid is another realm; the last one is the realm the fixture response was made for.
    const config = EXAMPLE_CONFIG.replace('{', `{ "realmSid": "JBfedcba9876543210fedcba9876543210",`);
    writeFileSync(join(dir, 'frontline-sso.json'), config);
    for (const file of ['aws-idc.pem', 'aws-idc-metadata.xml']) {
      writeFileSync(join(dir, file), readFileSync(join(ROOT, 'examples', file)));
    }
    const r = cli(
      [
        'saml',
        join(FIXTURES, 'saml', 'valid.b64'),
        '--config',
        'frontline-sso.json',
        '--at',
        '2026-12-01T12:01:00Z',
        '--json',
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!(r.json() as { checks: Array<{ code: string }> }).checks.some((c) => c.code === 'saml-audience'));
  });

  test('100,000 unknown keys: a bounded list of findings and a counted summary', () => {
    writeFileSync(
      join(dir, 'keys.frontline-sso.json'),
      `{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',')}}`,
    );
    const r = cli(['lint', 'keys.frontline-sso.json', '--json'], { cwd: dir });
    assert.equal(r.code, 1);
    const diagnostics = (r.json() as Array<{ diagnostics: Array<{ code: string; message: string }> }>)[0]!.diagnostics;
    assert.equal(diagnostics.length, 101);
    assert.match(diagnostics[100]!.message, /^\d+ more problems are not listed \(\d+ warnings\)/);
    assert.ok(r.stdout.length < 64 * 1024, `output stays small (${r.stdout.length} bytes)`);
  });

  test('values: a pasted Realm SID of 100,000 characters gets one finding', () => {
    const r = cli(['values', `${'.'.repeat(100_000)}x`, '--json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.json().findings[0].code, 'realm-sid-too-long');
    assert.ok(r.stdout.length < 2000);
    const ok = cli(['values', REALM], { cwd: dir });
    assert.equal(ok.code, 0);
  });
});
