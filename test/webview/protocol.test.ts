import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { emptyFormState, providerSummaries, validateForm } from '../../src/configurator/form';
import {
  FormState,
  LIMITS,
  checkToHost,
  checkToWebview,
  formStateProblem,
} from '../../src/configurator/webview/protocol';
import { ConfiguratorHarness, ROOT, openConfigurator } from './harness';

const CERT = readFileSync(join(ROOT, 'test', 'fixtures', 'idp', 'idp.pem'), 'utf8');
const until = async (what: string, check: () => Promise<boolean>) => {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('protocol size bounds', () => {
  const state = emptyFormState();

  test('a message from the page with any value over its bound is refused as too large, and says which', () => {
    const cases: Array<[string, FormState]> = [
      ['state.realmSid', { ...state, realmSid: 'J'.repeat(LIMITS.fieldChars + 1) }],
      ['state.certificate', { ...state, certificate: 'A'.repeat(LIMITS.certificateChars + 1) }],
      ['state.certificateFile', { ...state, certificateFile: 'a/'.repeat(LIMITS.pathChars) }],
      [
        'state.mappings[2].value',
        {
          ...state,
          mappings: state.mappings.map((m, i) => (i === 2 ? { ...m, value: 'v'.repeat(LIMITS.mappingChars + 1) } : m)),
        },
      ],
      [
        'state.mappings has over',
        { ...state, mappings: Array.from({ length: LIMITS.mappingRows + 1 }, () => state.mappings[0]!) },
      ],
    ];
    for (const [where, big] of cases) {
      const checked = checkToHost({ type: 'change', state: big });
      assert.equal(checked.ok, false, where);
      if (!checked.ok) {
        assert.equal(checked.tooLarge, true, where);
        assert.ok(checked.reason.startsWith(where), `${where}: ${checked.reason}`);
        assert.ok(checked.reason.length < 100, 'the reason never quotes the value');
      }
      assert.ok(formStateProblem(big), `the sender sees ${where} too`);
    }
    const copy = checkToHost({ type: 'copy', text: 'x', label: 'l'.repeat(LIMITS.labelChars + 1) });
    assert.deepEqual(copy.ok ? undefined : copy.tooLarge, true);
    const wrongType = checkToHost({ type: 'change', state: { ...state, realmSid: 1 } });
    assert.deepEqual(wrongType.ok ? undefined : [wrongType.tooLarge, wrongType.reason], [
      false,
      'state.realmSid is not text',
    ]);
  });

  test('values at their bounds pass, and a state saved by 0.1.0 (no certificateFile) is taken as having none', () => {
    const full: FormState = {
      ...state,
      realmSid: 'J'.repeat(LIMITS.fieldChars),
      certificate: 'A'.repeat(LIMITS.certificateChars),
    };
    assert.equal(checkToHost({ type: 'change', state: full }).ok, true);
    assert.equal(formStateProblem(full), undefined);
    const { certificateFile: _omitted, ...old } = state;
    const checked = checkToHost({ type: 'ready', state: old });
    assert.ok(checked.ok && checked.message.type === 'ready' && checked.message.state?.certificateFile === '');
  });

  test('per-provider params are bounded, keyed by provider id and param key, and a state without them is Frontline', () => {
    const withParams = (params: unknown) => checkToHost({ type: 'change', state: { ...state, params } });
    const refused: Array<[string, unknown, boolean]> = [
      [
        'state.params.twilio-flex.connection is over',
        { 'twilio-flex': { connection: 'J'.repeat(LIMITS.fieldChars + 1) } },
        true,
      ],
      [
        'state.params has over',
        Object.fromEntries(Array.from({ length: LIMITS.providers + 1 }, (_, i) => [`p${i}`, {}])),
        true,
      ],
      [
        'state.params.x has over',
        { x: Object.fromEntries(Array.from({ length: LIMITS.paramsPerProvider + 1 }, (_, i) => [`k${i}`, ''])) },
        true,
      ],
      ['state.params has a key that is not a provider id', { __proto__x: {} }, false],
      ['state.params.x has a key that is not a param key', JSON.parse('{"x": {"__proto__": "a"}}'), false],
      ['state.params.x.k is not text', { x: { k: 1 } }, false],
    ];
    for (const [reason, params, tooLarge] of refused) {
      const checked = withParams(params);
      assert.deepEqual(
        checked.ok ? undefined : [checked.reason.startsWith(reason), checked.tooLarge],
        [true, tooLarge],
        reason,
      );
    }
    assert.equal(checkToHost({ type: 'change', state: { ...state, provider: '../x' } }).ok, false);
    assert.ok(
      formStateProblem({ ...state, params: { 'twilio-flex': { connection: 'J'.repeat(LIMITS.fieldChars + 1) } } }),
    );
    const { provider: _p, params: _q, ...old } = state;
    const checked = checkToHost({ type: 'ready', state: old });
    assert.ok(checked.ok && checked.message.type === 'ready');
    assert.deepEqual([checked.message.state?.provider, checked.message.state?.params], ['twilio-frontline', {}]);
  });

  test('the provider list from the host is checked entry by entry', () => {
    const providers = providerSummaries();
    assert.equal(checkToWebview({ type: 'providers', providers }).ok, true);
    const long = 'm'.repeat(LIMITS.messageChars + 1);
    const first = providers[0]!;
    for (const bad of [
      [],
      [{ ...first, id: 'Not An Id' }],
      [{ ...first, status: 'gone' }],
      [{ ...first, statusMessage: long }],
      [{ ...first, params: [{ ...first.params[0], where: long }] }],
      [{ ...first, mappings: [{ attribute: 1 }] }],
      Array(LIMITS.providers + 1).fill(first),
    ])
      assert.equal(checkToWebview({ type: 'providers', providers: bad }).ok, false, JSON.stringify(bad).slice(0, 100));
  });

  test('messages from the host are bounded too', () => {
    const validation = validateForm(state);
    const long = 'm'.repeat(LIMITS.messageChars + 1);
    const refused = [
      { type: 'notice', level: 'info', message: long },
      { type: 'validation', validation: { ...validation, general: [long] } },
      { type: 'validation', validation: { ...validation, remaining: Array(LIMITS.messagesPerList + 1).fill('x') } },
      {
        type: 'validation',
        validation: { ...validation, certificate: { subject: long, notAfter: '', status: '', sha1: '', sha256: '' } },
      },
      {
        type: 'validation',
        validation: { ...validation, mappingRows: [{ level: 'error', messages: [], parts: ['script'] }] },
      },
      { type: 'state', state, source: long },
    ];
    for (const message of refused)
      assert.equal(checkToWebview(message).ok, false, JSON.stringify(message).slice(0, 120));
    assert.equal(checkToWebview({ type: 'validation', validation }).ok, true);
  });

  test('whatever a user types within the bounds, the host’s answer passes the page’s checks', () => {
    const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
    const row = fc.record({ attribute: text(300), value: text(300), format: text(40) });
    fc.assert(
      fc.property(
        fc.record({ realmSid: text(2000), issuer: text(2000), ssoUrl: text(2000), workspaceId: text(300) }),
        fc.array(row, { maxLength: 12 }),
        (fields, mappings) => {
          const form: FormState = { ...emptyFormState(), ...fields, mappings };
          assert.equal(checkToHost({ type: 'change', state: form }).ok, true);
          const checked = checkToWebview({ type: 'validation', validation: validateForm(form) });
          assert.ok(checked.ok, checked.ok ? '' : checked.reason);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the page keeps to the bounds', () => {
  let h: ConfiguratorHarness;
  before(async () => {
    h = await openConfigurator();
  });
  after(() => h.close());

  test('a value over its bound is kept as typed, not sent, and the page says what to shorten', async () => {
    const input = h.page.locator('#realmSid input');
    const sentBefore = h.received.length;
    await input.fill('J'.repeat(LIMITS.fieldChars + 10));
    await until('the notice', async () =>
      /Realm SID is 8,202 characters long/.test((await h.page.locator('#notice').textContent()) ?? ''),
    );
    assert.equal(h.received.slice(sentBefore).filter((m) => (m as { type: string }).type === 'change').length, 0);
    await h.page.locator('#save').click();
    assert.equal(
      h.received.slice(sentBefore).filter((m) => (m as { type: string }).type === 'save').length,
      0,
      'not saved',
    );
    assert.equal((await input.inputValue()).length, LIMITS.fieldChars + 10, 'what was typed is still there');
    await input.fill('JB0123456789abcdef0123456789abcdef');
    await until('the change to be sent again', async () => h.state().realmSid === 'JB0123456789abcdef0123456789abcdef');
  });

  test('a message from the host over its bound is ignored and logged, and the page keeps working', async () => {
    await h.send({ type: 'notice', level: 'info', message: 'Loaded.' });
    await until('the notice', async () => (await h.page.locator('#notice').textContent()) === 'Loaded.');
    await h.send({ type: 'notice', level: 'info', message: 'x'.repeat(LIMITS.messageChars + 1) });
    await until('the warning in the console', async () =>
      h.consoleMessages.some((m) =>
        /not part of the configurator protocol: notice is not text of at most 2048/.test(m),
      ),
    );
    assert.equal(await h.page.locator('#notice').textContent(), 'Loaded.');
  });
});

describe('a certificate file named by the config', () => {
  test('the page shows the file name and the decoded summary, never the file, and keeps the reference', async () => {
    const h = await openConfigurator({
      initial: { ...emptyFormState(), certificateFile: './aws-idc.pem' },
      files: new Map([['./aws-idc.pem', { ok: true as const, bytes: Buffer.from(CERT) }]]),
    });
    try {
      await until('the summary', async () =>
        /amazonaws\.com/.test((await h.page.locator('#cert-summary').textContent()) ?? ''),
      );
      assert.equal(await h.page.locator('#certificate textarea').inputValue(), '');
      assert.match(
        (await h.page.locator('#cert-file').textContent()) ?? '',
        /Using the certificate file \.\/aws-idc\.pem/,
      );
      assert.match((await h.page.locator('#certificate-status').textContent()) ?? '', /Looks right/);
      const body = CERT.split('\n')[1]!;
      const shown = await h.page.evaluate(() => document.body.innerText);
      assert.ok(!shown.includes(body), 'no certificate text on the page');
      await h.page.locator('#certificate textarea').fill(CERT);
      await until('the note', async () =>
        /pasted certificate replaces/.test((await h.page.locator('#cert-file').textContent()) ?? ''),
      );
    } finally {
      await h.close();
    }
  });
});
