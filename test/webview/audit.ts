import { source as AXE_SOURCE } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/**
 * Accessibility checks for any webview page, in the Chromium harness or a live VS Code (code-server) frame: axe-core
 * run inside the page, and the accessibility tree as Chromium exposes it to screen readers.
 */
export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  id: string;
  impact: Impact;
  help: string;
  /** How many elements fail. */
  count: number;
  /** Selectors of the failing elements (shadow roots joined by " >> "), and why, for the first few. */
  nodes: Array<{ target: string; summary: string }>;
}

export interface AuditResult {
  violations: Violation[];
  /** Violations by impact. */
  counts: Record<Impact, number>;
  /** The violations a webview of this extension may not have: impact serious or critical. */
  blocking: Violation[];
}

/**
 * Runs axe-core in the page (or frame) and returns its violations. axe is evaluated through the debugging protocol,
 * which the page's Content Security Policy does not govern, so the page is audited with its real policy in force.
 */
export async function audit(target: Page | Frame, context: string = 'body'): Promise<AuditResult> {
  const loaded = await target.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await target.evaluate(AXE_SOURCE);
  const raw = (await target.evaluate(async (selector: string) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe;
    return axe.run(document.querySelector(selector), { resultTypes: ['violations'] });
  }, context)) as {
    violations: Array<{
      id: string;
      impact: Impact;
      help: string;
      nodes: Array<{ target: Array<string | string[]>; failureSummary?: string }>;
    }>;
  };
  const violations: Violation[] = raw.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' | '),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  }));
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) counts[v.impact]++;
  return {
    violations,
    counts,
    blocking: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  };
}

/** One line per violation, for an assertion message or a report. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id} on ${v.count} element(s) (${v.help}):\n${v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`,
    )
    .join('\n');
}

export interface AccessibleNode {
  role: string;
  name: string;
  description: string;
  invalid: boolean;
  focusable: boolean;
}

/**
 * What a screen reader is told about an element — its computed role, name, description and invalid state from
 * Chromium's accessibility tree. `path` is a CSS selector, with " >> " stepping into the shadow root of the element
 * found so far: `#realmSid >> input` is the input inside the Realm SID component.
 */
export async function accessibleNode(page: Page, path: string): Promise<AccessibleNode> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const expression = `(() => {
      let found = document;
      for (const part of ${JSON.stringify(path.split(' >> '))}) {
        const root = found === document ? document : found.shadowRoot;
        found = root && root.querySelector(part);
        if (!found) return null;
      }
      return found;
    })()`;
    const { result } = (await cdp.send('Runtime.evaluate', { expression })) as { result: { objectId?: string } };
    if (!result.objectId) throw new Error(`No element ${path}`);
    const { node } = (await cdp.send('DOM.describeNode', { objectId: result.objectId })) as {
      node: { backendNodeId: number };
    };
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', {
      backendNodeId: node.backendNodeId,
      fetchRelatives: false,
    })) as {
      nodes: Array<{
        role?: { value?: string };
        name?: { value?: string };
        description?: { value?: string };
        properties?: Array<{ name: string; value: { value?: unknown } }>;
      }>;
    };
    const ax = nodes[0];
    const property = (name: string) => ax?.properties?.find((p) => p.name === name)?.value.value;
    return {
      role: String(ax?.role?.value ?? ''),
      name: String(ax?.name?.value ?? ''),
      description: String(ax?.description?.value ?? ''),
      invalid: property('invalid') !== undefined && property('invalid') !== 'false',
      focusable: property('focusable') === true,
    };
  } finally {
    await cdp.detach();
  }
}
