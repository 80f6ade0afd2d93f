import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibleNode } from './audit';
import { ConfiguratorHarness, openConfigurator } from './harness';

const until = async (what: string, check: () => Promise<boolean>) => {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The id of the page-level element that has focus (a component host, or body). */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

/** The element that really has focus, inside shadow roots: its tag and, for a component, the host's id. */
const deepFocus = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.tagName.toLowerCase(), host: document.activeElement?.id };
  });

/**
 * The focus indicator's styles for a control: outline, border and shadow of the host and of every element in its
 * shadow root, so a change anywhere in the component counts (vscode-elements draw focus on an inner wrapper).
 */
const ringStyles = (page: Page, id: string) =>
  page.evaluate((hostId) => {
    const host = document.getElementById(hostId);
    if (!host) return [];
    const parts = [host, ...Array.from(host.shadowRoot?.querySelectorAll('*') ?? [])];
    return parts.map((e) => {
      const s = getComputedStyle(e);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.borderTopColor, s.borderLeftColor, s.boxShadow].join(
        '|',
      );
    });
  }, id);

/** True when some part of the control shows a visible outline, border colour or shadow only while focused. */
function focusVisible(focused: string[], unfocused: string[]): boolean {
  return focused.some((f, i) => {
    if (f === unfocused[i]) return false;
    const [outlineStyle, outlineWidth, , border, borderLeft, shadow] = f.split('|');
    const [, , , oldBorder, oldBorderLeft, oldShadow] = (unfocused[i] ?? '').split('|');
    const outline = outlineStyle !== 'none' && outlineWidth !== '0px';
    return (
      outline || border !== oldBorder || borderLeft !== oldBorderLeft || (shadow !== 'none' && shadow !== oldShadow)
    );
  });
}

describe('configurator with the keyboard', () => {
  let h: ConfiguratorHarness;
  before(async () => {
    // Tall enough that nothing scrolls, so positions compare in one coordinate space.
    h = await openConfigurator({ theme: 'light', height: 2400 });
    await until('the first validation', async () =>
      /left/.test((await h.page.locator('#summary').textContent()) ?? ''),
    );
  });
  after(() => h.close());

  test('Tab reaches every control once, in layout order, each with a name and a visible focus indicator', async () => {
    // The controls a user can operate, in document order; disabled ones (Copy with nothing to copy) are no Tab stops.
    const expected = await h.page.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLElement>(
          'vscode-button, vscode-textfield, vscode-textarea, vscode-single-select, vscode-checkbox, a[href], [tabindex]',
        ),
      )
        .filter((e) => !e.hasAttribute('disabled') && e.getAttribute('tabindex') !== '-1')
        .map((e) => e.id),
    );
    assert.ok(expected.length >= 25, `${expected.length} controls`);
    assert.ok(!expected.includes('copy-acsUrl'), 'an empty value is not a Tab stop');
    await h.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const visited: string[] = [];
    const positions: Array<{ x: number; y: number }> = [];
    const problems: string[] = [];
    let previous: { id: string; ring: string[] } | undefined;
    for (let i = 0; i < expected.length; i++) {
      await h.page.keyboard.press('Tab');
      const id = String(await focusedId(h.page));
      visited.push(id);
      const box = await h.page.locator(`#${id}`).boundingBox();
      positions.push({ x: box?.x ?? -1, y: box?.y ?? -1 });
      const node = await accessibleNode(h.page, `#${id}`);
      const { tag } = await deepFocus(h.page);
      const inner = tag && tag !== id && !['vscode-button'].includes(tag) ? `${tag}` : undefined;
      const name = inner
        ? (await accessibleNode(h.page, `#${id} >> ${tag === 'div' ? '[role="combobox"]' : tag}`)).name
        : node.name;
      if (!name.trim()) problems.push(`${id} has no accessible name`);
      if (previous) {
        const ring = await ringStyles(h.page, previous.id);
        if (!focusVisible(previous.ring, ring)) problems.push(`${previous.id} shows no focus indicator`);
      }
      previous = { id, ring: await ringStyles(h.page, id) };
    }
    assert.deepEqual(visited, expected);
    assert.deepEqual(problems, []);
    // Layout order: each stop is below the previous one, or on the same line and to its right.
    for (let i = 1; i < positions.length; i++) {
      const [a, b] = [positions[i - 1]!, positions[i]!];
      assert.ok(b.y > a.y + 2 || (Math.abs(b.y - a.y) <= 2 && b.x > a.x), `${visited[i - 1]} → ${visited[i]}`);
    }
  });

  test('Enter and Space activate buttons; focus goes where the user expects after adding and removing rows', async () => {
    await h.page.locator('#add-mapping').focus();
    await h.page.keyboard.press('Enter');
    await until('a fourth row', async () => (await h.page.locator('#mappings [role="group"]').count()) === 4);
    assert.deepEqual(await deepFocus(h.page), { tag: 'input', host: 'map-3-attribute' }, 'the new row, ready to type');
    await h.page.keyboard.type('department');
    await until('the host to have the new row', async () => h.state().mappings[3]?.attribute === 'department');

    // Space on the last row's Remove: focus goes to the row before (there is none after).
    await h.page.locator('#map-3-remove').focus();
    await h.page.keyboard.press(' ');
    await until('three rows', async () => (await h.page.locator('#mappings [role="group"]').count()) === 3);
    assert.deepEqual(await deepFocus(h.page), { tag: 'input', host: 'map-2-attribute' });
    assert.match((await h.page.locator('#announcer').textContent()) ?? '', /Removed mapping 4\. 3 left\./);

    // Enter on the first row's Remove: focus goes to the row that took its place.
    await h.page.locator('#map-0-remove').focus();
    await h.page.keyboard.press('Enter');
    await until('two rows', async () => (await h.page.locator('#mappings [role="group"]').count()) === 2);
    assert.deepEqual(await deepFocus(h.page), { tag: 'input', host: 'map-0-attribute' });
    assert.equal(await h.page.locator('#map-0-attribute input').inputValue(), 'email');
    await until('the host to have two rows', async () => h.state().mappings.length === 2);

    await h.page.locator('#save').focus();
    await h.page.keyboard.press('Enter');
    await h.page.locator('#open').focus();
    await h.page.keyboard.press(' ');
    await until('both actions to reach the host', async () => {
      const types = h.received.map((m) => (m as { type: string }).type);
      return types.includes('save') && types.includes('open');
    });
  });

  test('focus and typing survive the host re-rendering the form', async () => {
    const field = h.page.locator('#map-1-value input');
    await field.focus();
    await field.press('End');
    await h.page.keyboard.type('x');
    await until('the change to reach the host', async () => h.state().mappings[1]?.value.endsWith('x') === true);
    // The host sends the whole form again (as after Open or Import), with another value changed.
    await h.send({ type: 'state', state: { ...h.state(), workspaceId: 'acme-rerender' } });
    await until(
      'the new state',
      async () => (await h.page.locator('#workspaceId input').inputValue()) === 'acme-rerender',
    );
    assert.deepEqual(await deepFocus(h.page), { tag: 'input', host: 'map-1-value' });
    await h.page.keyboard.type('y');
    assert.match(await field.inputValue(), /xy$/, 'typing goes on in the same field');
  });

  test('the service provider picker works with the keyboard alone, and the fields follow it', async () => {
    await h.page.locator('#provider').focus();
    // Space opens the list, ArrowDown moves to the next provider, Enter picks it.
    await h.page.keyboard.press(' ');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Enter');
    await until('the host to have Flex', async () => h.state().provider === 'twilio-flex');
    assert.equal((await deepFocus(h.page)).host, 'provider', 'focus stays on the picker');
    await h.page.keyboard.press('Tab');
    assert.deepEqual(await deepFocus(h.page), { tag: 'input', host: 'param-connection' }, "the provider's first field");
    await h.page.keyboard.type('JQ0123456789abcdef0123456789abcdef');
    await until('the value in the host', async () => h.state().params['twilio-flex']?.connection?.length === 34);
    await h.page.keyboard.press('Shift+Tab');
    await h.page.keyboard.press(' ');
    await h.page.keyboard.press('ArrowUp');
    await h.page.keyboard.press('Enter');
    await until('the host to have Frontline', async () => h.state().provider === 'twilio-frontline');
  });
});
