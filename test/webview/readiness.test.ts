import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkReadiness } from '../../src/core/readiness/readiness';
import type { DirectoryUser, ReadinessData, ReadinessReport } from '../../src/core/readiness/readinessReport';
import { READINESS_ASSETS, readinessHtml } from '../../src/readiness/html';
import { LIMITS, parseToHost, parseToWebview } from '../../src/readiness/webview/protocol';
import { audit, describeViolations } from './audit';
import { Harness, WebviewPage, openWebview } from './harness';
import { THEME_NAMES, THEMES_SOURCE } from './themes';

/** The readiness page as the extension serves it (src/readiness/panel.ts): its HTML, policy and only folder. */
const READINESS_PAGE: WebviewPage = {
  html: ({ cspSource, nonce, asset }) =>
    readinessHtml({
      cspSource,
      nonce,
      scriptUri: asset([...READINESS_ASSETS.folder, READINESS_ASSETS.script]),
      styleUri: asset([...READINESS_ASSETS.folder, READINESS_ASSETS.style]),
    }),
  assets: [
    [...READINESS_ASSETS.folder, READINESS_ASSETS.script],
    [...READINESS_ASSETS.folder, READINESS_ASSETS.style],
  ],
  readySelector: '#root',
};

const user = (userId: string, displayName: string, emails: DirectoryUser['emails']): DirectoryUser => ({
  userId,
  userName: `${userId}@example.com`,
  displayName,
  emails,
});
const primary = (value: string) => [{ value, primary: true }];

/** The fixture directory's findings, from the real check (src/core/readiness/readiness.ts). */
function fixtureReport(): ReadinessReport {
  const users = [
    user('u-jane', 'Jane Doe', primary('jane@example.com')),
    user('u-omar', 'Omar Haddad', primary('omar@example.com')),
    user('u-lee', 'Lee Chen', []),
    user('u-ana', 'Ana Souza', [{ value: 'a@example.com' }, { value: 'b@example.com' }]),
    user('u-sam', 'Sam Park', primary('sam@example.com')),
    user('u-samuel', 'Samuel Park', primary('SAM@example.com')),
    user('u-xss', '<img src=x onerror="window.__xss=1">', primary('x@example.com')),
  ];
  const data: ReadinessData = {
    application: {
      applicationArn: 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef',
      name: 'Twilio-Frontline',
      status: 'ENABLED',
      federationProtocol: 'SAML',
    },
    assignmentRequired: true,
    assignments: [
      { principalType: 'USER', principalId: 'u-jane' },
      { principalType: 'GROUP', principalId: 'g-agents' },
      { principalType: 'GROUP', principalId: 'g-night' },
    ],
    groups: [
      { groupId: 'g-agents', displayName: 'Support agents', exists: true, memberIds: users.map((u) => u.userId) },
      { groupId: 'g-night', displayName: 'Night shift', exists: true, memberIds: [] },
    ],
    users: new Map(users.map((u) => [u.userId, u])),
    gaps: [
      {
        scope: 'application',
        what: 'whether assignment is required',
        reason: 'Access denied to sso:GetApplicationAssignmentConfiguration.',
        permission: 'sso:GetApplicationAssignmentConfiguration',
      },
    ],
  };
  return checkReadiness(data);
}

const CHECKED_AT = '2026-11-30T10:00:00.000Z';
const text = (p: Page, selector: string) => p.locator(selector).innerText();
const rowsOf = async (p: Page) => p.locator('#users-table tbody tr').allInnerTexts();
const until = async (what: string, check: () => Promise<boolean>) => {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe(`readiness report webview in Chromium (themes of ${THEMES_SOURCE})`, () => {
  let h: Harness;
  const report = fixtureReport();
  before(async () => {
    h = await openWebview(READINESS_PAGE, { width: 1100, height: 1000 });
    await until('the ready message', async () => h.received.length > 0);
    await h.send({ type: 'report', report, checkedAt: CHECKED_AT });
    await h.page.locator('#users-table tbody tr').first().waitFor();
  });
  after(() => h.close());

  test('says it is ready, then shows the counts, what was not checked, the users and the groups', async () => {
    assert.deepEqual(h.received[0], { type: 'ready' });
    assert.equal(await text(h.page, 'h1'), 'Sign-in readiness: Twilio-Frontline');
    assert.equal(
      (await h.page.locator('.counts li').allInnerTexts()).join(' | '),
      '3 ready | 4 not ready | 7 users | 2 groups | 1 empty group',
    );
    assert.match(await text(h.page, '#incomplete'), /whether assignment is required: Access denied/);
    assert.match(
      await text(h.page, '#groups'),
      /Night shift\s+0\s+Warning: Group Night shift is assigned but has no members/,
    );
    const rows = await rowsOf(h.page);
    assert.equal(rows.length, 7);
    // Not ready first (errors), then ready.
    assert.match(rows[0]!, /^✗ Not ready/);
    assert.match(rows.at(-1)!, /^✓ Ready/);
    assert.ok(rows.some((r) => /Lee Chen[\s\S]*none[\s\S]*Error: Lee Chen has no email address/.test(r)));
    assert.equal(await text(h.page, '#shown'), 'Showing 7 of 7 matching users (4 not ready).');
  });

  test('untrusted names are shown as text, never as HTML', async () => {
    assert.equal(await h.page.locator('img').count(), 0);
    assert.equal(await h.page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.ok((await rowsOf(h.page)).some((r) => r.includes('<img src=x onerror="window.__xss=1">')));
  });

  test('sorting by a column, with the keyboard, and aria-sort says how', async () => {
    const nameHeader = h.page.locator('th[data-key="name"]');
    await h.page.locator('button.sort[data-key="name"]').focus();
    await h.page.keyboard.press('Enter');
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
    assert.equal(await h.page.locator('th[data-key="status"]').getAttribute('aria-sort'), 'none');
    const names = async () =>
      (await h.page.locator('#users-table tbody tr td:nth-child(2) > div:first-child').allInnerTexts()).map((n) =>
        n.trim(),
      );
    const ascending = await names();
    assert.deepEqual(
      ascending,
      [...ascending].sort((a, b) => a.localeCompare(b)),
    );
    await h.page.keyboard.press('Space');
    assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await names(), [...ascending].reverse());
    assert.equal(
      await h.page.evaluate(() => document.activeElement?.getAttribute('data-key')),
      'name',
      'focus stays on the header',
    );
    await h.page.locator('button.sort[data-key="status"]').click();
  });

  test('filtering by text and by status; the count is announced', async () => {
    const filter = h.page.locator('#filter input');
    await filter.fill('park');
    await until('two rows', async () => (await rowsOf(h.page)).length === 2);
    assert.equal(await text(h.page, '#shown'), 'Showing 2 of 2 matching users (2 not ready); 7 users in all.');
    assert.equal(await h.page.locator('#shown').getAttribute('role'), 'status');
    await filter.fill('no email address');
    await until('one row', async () => (await rowsOf(h.page)).length === 1);
    assert.match((await rowsOf(h.page))[0]!, /Lee Chen/);
    await filter.fill('');
    await until('all rows', async () => (await rowsOf(h.page)).length === 7);
    await h.page.evaluate(() => {
      const select = document.getElementById('show') as HTMLElement & { value: string };
      select.value = 'ready';
      select.dispatchEvent(new Event('change'));
    });
    await until('ready rows', async () => (await rowsOf(h.page)).length === 3);
    assert.ok((await rowsOf(h.page)).every((r) => r.startsWith('✓ Ready')));
    await h.page.evaluate(() => {
      const select = document.getElementById('show') as HTMLElement & { value: string };
      select.value = 'all';
      select.dispatchEvent(new Event('change'));
    });
  });

  test('Export CSV, Check Again and the IAM policy link ask the host', async () => {
    h.received.length = 0;
    await h.page.locator('#export').click();
    await h.page.locator('#rerun').click();
    await h.page.locator('button[data-permission]').click();
    await until('three messages', async () => h.received.length === 3);
    assert.deepEqual(h.received, [
      { type: 'exportCsv' },
      { type: 'rerun' },
      { type: 'showPolicy', permission: 'sso:GetApplicationAssignmentConfiguration' },
    ]);
    assert.ok(
      h.received.every((m) => parseToHost(m) !== undefined),
      'every message is one the host accepts',
    );
  });

  test('every control is reached with Tab, in order', async () => {
    await h.page.locator('body').click({ position: { x: 1, y: 1 } });
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await h.page.keyboard.press('Tab');
      reached.push(
        await h.page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return a?.id || a?.dataset.key || a?.dataset.permission || a?.tagName.toLowerCase() || '';
        }),
      );
    }
    assert.deepEqual(reached.slice(0, 10), [
      'export',
      'rerun',
      'sso:GetApplicationAssignmentConfiguration',
      'filter',
      'show',
      'status',
      'name',
      'email',
      'via',
      'problems',
    ]);
  });

  test('the Content Security Policy blocks an injected inline script', async () => {
    await assert.rejects(h.page.addScriptTag({ content: 'window.__injected = true;' }));
    assert.equal(await h.page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected), undefined);
    assert.ok(h.cspViolations.some((m) => /inline script/i.test(m)));
  });

  test('malformed or oversized messages are ignored, and the page keeps working', async () => {
    for (const bad of [
      null,
      { type: 'report' },
      { type: 'report', report: { ...report, users: 'x' }, checkedAt: CHECKED_AT },
      { type: 'report', report: { ...report, applicationName: 'x'.repeat(LIMITS.text + 1) }, checkedAt: CHECKED_AT },
      { type: 'nope' },
    ]) {
      assert.equal(parseToWebview(bad), undefined);
      await h.send(bad as Record<string, unknown>);
    }
    assert.equal(await text(h.page, 'h1'), 'Sign-in readiness: Twilio-Frontline');
    assert.equal((await rowsOf(h.page)).length, 7);
    assert.equal(parseToHost({ type: 'showPolicy', permission: 'x; rm -rf' }), undefined);
  });

  test("no serious or critical accessibility problem (axe-core) in any of VS Code's theme sets", async (t) => {
    const failures: string[] = [];
    for (const theme of THEME_NAMES) {
      await h.setTheme(theme);
      const result = await audit(h.page);
      const c = result.counts;
      t.diagnostic(`${theme}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor}`);
      if (result.blocking.length) failures.push(`${theme}:\n${describeViolations(result.blocking)}`);
    }
    await h.setTheme('dark');
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  test('10,000 users render 500 rows at a time', async () => {
    const many = fixtureReport();
    many.users = Array.from({ length: 10_000 }, (_, i) => ({
      userId: `u-${i}`,
      userName: `worker${i}@example.com`,
      displayName: `Worker ${i}`,
      email: `worker${i}@example.com`,
      ready: true,
      via: ['g-agents'],
      findings: [],
    }));
    many.summary = { ...many.summary, users: 10_000, ready: 10_000, notReady: 0 };
    await h.send({ type: 'report', report: many, checkedAt: CHECKED_AT });
    await until('500 rows', async () => (await rowsOf(h.page)).length === 500);
    assert.equal(await text(h.page, '#shown'), 'Showing 500 of 10,000 matching users (0 not ready).');
    await h.page.locator('#more').click();
    await until('1,000 rows', async () => (await rowsOf(h.page)).length === 1000);
  });
});
