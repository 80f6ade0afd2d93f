// Where Save Metadata to File may write: the path comes from a config a repository may commit.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeTargetInside } from '../../src/io/writeTarget';
import { tempDir } from './helpers';

describe('writeTargetInside (src/io/writeTarget.ts)', () => {
  test('a file in the folder or a new subfolder: its real path', async () => {
    const root = tempDir();
    assert.deepEqual(await writeTargetInside(root, join(root, 'a.xml')), {
      ok: true,
      path: join(realpathSync(root), 'a.xml'),
    });
    assert.deepEqual(await writeTargetInside(root, join(root, 'new', 'deeper', 'a.xml')), {
      ok: true,
      path: join(realpathSync(root), 'new', 'deeper', 'a.xml'),
    });
  });

  test('outside by "..", through a linked folder, or a linked file: refused with the reason', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'victim'), 'x');
    symlinkSync(outside, join(root, 'linked-folder'));
    symlinkSync(join(outside, 'victim'), join(root, 'linked.xml'));
    symlinkSync(join(root, 'missing-target'), join(root, 'dangling.xml'));
    mkdirSync(join(root, 'folder.xml'));
    assert.deepEqual(await writeTargetInside(root, join(root, '..', 'outside.xml')), {
      ok: false,
      reason: 'it is outside the workspace folder',
    });
    assert.deepEqual(await writeTargetInside(root, join(root, 'linked-folder', 'new', 'a.xml')), {
      ok: false,
      reason: `it is outside the workspace folder (through a link, it is ${join(realpathSync(outside), 'new', 'a.xml')})`,
    });
    assert.deepEqual(await writeTargetInside(root, join(root, 'linked.xml')), {
      ok: false,
      reason: `it is a symbolic link (to ${realpathSync(join(outside, 'victim'))}), and links are not written through`,
    });
    assert.deepEqual(await writeTargetInside(root, join(root, 'dangling.xml')), {
      ok: false,
      reason: 'it is a symbolic link (to a path that does not exist), and links are not written through',
    });
    assert.deepEqual(await writeTargetInside(root, join(root, 'folder.xml')), {
      ok: false,
      reason: 'it exists and is not a regular file',
    });
  });
});
