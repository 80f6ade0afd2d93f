// The Markdown of hovers, tooltips and reports quotes certificate subjects, file names and AWS names: escaped, they
// read as text and never become an image (a tracking beacon), a link, HTML or a theme icon.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { codeBlock, codeSpan, escapeMarkdown, findingsMarkdown, tableMarkdown } from '../../src/host/markdown';

const SUBJECT = 'CN=![x](https://attacker.example/beacon.png) [link](https://x), O=<img src=x>, OU=$(alert)';

describe('Markdown escaping (src/host/markdown.ts)', () => {
  test('a hostile certificate subject: no image, link, autolink, HTML or icon syntax is left', () => {
    assert.equal(
      escapeMarkdown(SUBJECT),
      'CN=\\!\\[x\\](https\\://attacker.example/beacon.png) \\[link\\](https\\://x), O=\\<img src=x\\>, OU=\\$(alert)',
    );
    assert.equal(
      escapeMarkdown('see www.example.com or mail a@b.example'),
      'see www\\.example.com or mail a\\@b.example',
    );
    assert.equal(escapeMarkdown('line one\n# heading\r\n- item'), 'line one \\# heading - item');
    assert.equal(escapeMarkdown('*a* _b_ `c` ~d~ | &amp; \\'), '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\| \\&amp; \\\\');
    // What reports and tests read stays readable: a distinguished name is unchanged.
    assert.equal(
      escapeMarkdown('CN=expiring.example, OU=IDAS, O=Amazon, C=US'),
      'CN=expiring.example, OU=IDAS, O=Amazon, C=US',
    );
  });

  test('escaped text never holds an unescaped [ < ` $ ! or :// , whatever it was', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '!', '<', '>', '`', '$', ':', '/', '\\', 'a', '\n') }),
        (text) => {
          const escaped = escapeMarkdown(text);
          // Every special character is preceded by an odd number of backslashes.
          for (const m of escaped.matchAll(/(\\*)([[\]<>`$!]|:(?=\/\/))/g)) assert.equal(m[1]!.length % 2, 1, escaped);
          assert.ok(!escaped.includes('\n'));
        },
      ),
    );
  });

  test('code spans and blocks cannot be closed by the text they hold', () => {
    assert.equal(codeSpan('plain'), '`plain`');
    assert.equal(codeSpan('a ` b `` c'), '```a ` b `` c```');
    assert.equal(codeSpan('`edge`'), '`` `edge` ``');
    assert.equal(codeSpan('two\nlines'), '`two lines`');
    assert.equal(codeBlock('x\n```\n![i](https://a/b.png)\n'), '````\nx\n```\n![i](https://a/b.png)\n````\n');
    assert.equal(codeBlock('pem'), '```\npem\n```\n');
  });

  test('tables and findings quote their values as text', () => {
    assert.equal(
      tableMarkdown([
        ['Issuer', 'x` ![i](https://a/b.png) |'],
        ['Empty', ''],
      ]),
      '| | |\n|---|---|\n| Issuer | ``x` ![i](https://a/b.png) \\|`` |\n',
    );
    assert.equal(
      findingsMarkdown([{ severity: 'warning', code: 'cert-expiring', message: `Subject ${SUBJECT} expires` }]),
      `- ⚠️ **warning** — Subject ${escapeMarkdown(SUBJECT)} expires \`cert-expiring\`\n`,
    );
  });
});
