// The package's link check (scripts/vsix-links.mjs, run by `npm run package` and the .vsix smoke test): a page the
// README links must be in the .vsix. Run as a user meets it, on a .vsix file, with its exit code and message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');

/**
 * A zip with the given entries, stored (not compressed). The CRC fields are left 0: the checker reads names and
 * bytes through the central directory, as vsce's zip library writes them, and does not verify checksums.
 */
function zip(entries: ReadonlyArray<readonly [string, string]>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function checkVsix(entries: ReadonlyArray<readonly [string, string]>) {
  const file = join(tempDir(), 'test.vsix');
  writeFileSync(file, zip(entries));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'vsix-links.mjs'), file], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(file, 'test.vsix') };
}

describe('the .vsix link check (scripts/vsix-links.mjs)', () => {
  test('every relative link and anchor, in the README and in every shipped page, must resolve in the package', () => {
    const readme = [
      '# Title',
      '## Signing in',
      'See [sign in](#signing-in), [rules](docs/rules.md#json-syntax), [domain](docs/domain.md), [web](https://x.y/z),',
      '[changes](CHANGELOG.md) and ![shot](media/shot.png). `[not a link](nowhere.md)`',
      '```',
      '[in a code block](nowhere.md)',
      '```',
      '[missing anchor](#no-such-heading) <img src="media/gone.png"> [up](../outside.md)',
      '[ref]: docs/ref-target.md',
    ].join('\n');
    const result = checkVsix([
      ['extension/readme.md', readme],
      ['extension/changelog.md', '# Changelog\n'],
      ['extension/docs/rules.md', '# Rules\n### json-syntax\n[back](../README.md) [twin](other.md#top)\n'],
      ['extension/docs/other.md', '# Other\n'],
      ['extension/media/shot.png', 'png'],
    ]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      [
        'test.vsix: 6 link(s) in the packaged README and docs lead nowhere in the package. Ship the file (.vscodeignore)' +
          ' or link an https address:',
        '  readme.md:3: docs/domain.md (docs/domain.md is not in the .vsix)',
        '  readme.md:8: #no-such-heading (no heading #no-such-heading in readme.md)',
        '  readme.md:8: ../outside.md (leads outside the package)',
        '  readme.md:8: media/gone.png (media/gone.png is not in the .vsix)',
        '  readme.md:9: docs/ref-target.md (docs/ref-target.md is not in the .vsix)',
        '  docs/rules.md:3: other.md#top (no heading #top in docs/other.md)',
        '',
      ].join('\n'),
    );
  });

  test('the files .vscodeignore ships hold every page the README and the docs link', () => {
    // The listing vsce packs (fast: no build), with the README as the package holds it (extension/readme.md).
    const vsce = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(vsce.status, 0, vsce.stderr);
    const shipped = vsce.stdout.split('\n').filter((line) => line && !line.startsWith(' '));
    assert.ok(shipped.includes('package.json'), vsce.stdout);
    // The README as `npm run package` makes it for the package (screenshots as captions or https images).
    const readme = join(tempDir(), 'README.md');
    const made = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-readme.mjs'), readme], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(made.status, 0, made.stderr);
    const entries = shipped.map((path) =>
      path === 'README.md'
        ? (['extension/readme.md', readFileSync(readme, 'utf8')] as const)
        : ([`extension/${path}`, /\.md$/i.test(path) ? readFileSync(join(ROOT, path), 'utf8') : ''] as const),
    );
    const result = checkVsix(entries);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
  });
});
