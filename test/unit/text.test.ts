// Text helpers: edit distance, closest word, line and column.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closest, editDistance, lineColumn, lineStarts } from '../../src/core/common/text';

describe('text helpers', () => {
  test('edit distance, closest word, line and column', () => {
    assert.equal(editDistance('emial', 'email'), 2);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(closest('emial', ['email', 'name']), 'email');
    assert.equal(closest('zzzzzz', ['email']), undefined);
    const starts = lineStarts('ab\ncd\n\nef');
    assert.deepEqual(lineColumn(starts, 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumn(starts, 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn(starts, 7), { line: 4, column: 1 });
  });
});
