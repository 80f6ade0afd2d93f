// The readiness report's browser side. The check runs in the extension host (src/core/readiness/readiness.ts); this file only
// shows the report, sorts and filters it, and asks the host to export or check again. Untrusted text (names and
// addresses from the directory) is only ever set as textContent, never as HTML.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './readiness.css';
import type { PlainFinding, ReadinessReport, UserReadiness } from '../../core/readiness/readinessReport';
import { ToHost, parseToWebview } from './protocol';

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type SortKey = 'status' | 'name' | 'email' | 'via' | 'problems';
type Show = 'all' | 'not-ready' | 'ready';
/** What the page remembers while it lives (no names or addresses: those stay in the host). */
interface ViewState {
  sort: SortKey;
  descending: boolean;
  show: Show;
}

const vscode = acquireVsCodeApi();
const ROWS_PER_STEP = 500;
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'status', label: 'Status' },
  { key: 'name', label: 'User' },
  { key: 'email', label: 'Email Frontline receives' },
  { key: 'via', label: 'Assigned through' },
  { key: 'problems', label: 'Problems and fixes' },
];
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

function savedView(): ViewState {
  const s = vscode.getState() as Partial<ViewState> | undefined;
  const keys = COLUMNS.map((c) => c.key);
  return {
    sort: s && keys.includes(s.sort as SortKey) ? (s.sort as SortKey) : 'status',
    descending: s?.descending === true,
    show: s?.show === 'not-ready' || s?.show === 'ready' ? s.show : 'all',
  };
}

let view = savedView();
let report: ReadinessReport | undefined;
let rows: Array<{ user: UserReadiness; name: string; via: string; search: string }> = [];
let filter = '';
let limit = ROWS_PER_STEP;

function el(
  tag: string,
  props: Record<string, string | undefined> = {},
  ...children: Array<Node | string>
): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const post = (message: ToHost) => vscode.postMessage(message);
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

function findingList(findings: readonly PlainFinding[]): HTMLElement {
  return el(
    'ul',
    { class: 'findings' },
    ...findings.map((f) =>
      el('li', { class: `finding ${f.severity}` }, el('strong', {}, `${SEVERITY_LABEL[f.severity]}: `), f.message),
    ),
  );
}

/** "email from ${user:email} · full_name from ${user:name}", or what is left when the provider needs no claim. */
function claimSources(r: ReadinessReport): string {
  const list = r.claims.map((c) => `${c.claim} from ${c.variable}`);
  return list.length > 0 ? list.join(' · ') : 'no per-user claim to check';
}

function button(id: string, label: string, secondary = false): HTMLElement {
  return el('vscode-button', { id, ...(secondary ? { secondary: '' } : {}) }, label);
}

/** The whole page for a report; the table body is filled by renderRows. */
function render(r: ReadinessReport, checkedAt: string): void {
  report = r;
  const groupName = new Map(r.groups.map((g) => [g.groupId, g.displayName ?? g.groupId]));
  rows = r.users.map((user) => {
    const name = user.displayName ?? user.userName ?? user.userId;
    const via = user.via.map((v) => (v === 'direct' ? 'directly' : `group ${groupName.get(v) ?? v}`)).join(', ');
    const search = [name, user.userName, user.email, user.userId, via, ...user.findings.map((f) => f.message)]
      .join('\n')
      .toLowerCase();
    return { user, name, via, search };
  });
  limit = ROWS_PER_STEP;
  const root = document.getElementById('root') as HTMLElement;
  root.setAttribute('aria-busy', 'false');
  const checked = new Date(checkedAt);
  root.replaceChildren(
    el(
      'header',
      {},
      el('h1', {}, `Sign-in readiness: ${r.applicationName}`),
      el('p', { class: 'meta', id: 'provider' }, `For ${r.provider.name}: ${claimSources(r)}`),
      el(
        'p',
        { class: 'meta' },
        `${r.status ? r.status.toLowerCase() : 'status unknown'} · ${r.assignmentRequired === null ? 'assignment setting not read' : r.assignmentRequired ? 'assignment required' : 'assignment not required'} · checked ${Number.isNaN(checked.getTime()) ? checkedAt : checked.toLocaleString()}`,
      ),
      el('p', { class: 'arn' }, el('code', {}, r.applicationArn)),
      el(
        'ul',
        { class: 'counts', 'aria-label': 'Summary' },
        ...[
          [r.summary.ready, 'ready', 'ok'],
          [r.summary.notReady, 'not ready', r.summary.notReady > 0 ? 'bad' : 'ok'],
          [r.summary.users, r.summary.users === 1 ? 'user' : 'users', ''],
          [r.summary.groups, r.summary.groups === 1 ? 'group' : 'groups', ''],
          [
            r.summary.emptyGroups,
            r.summary.emptyGroups === 1 ? 'empty group' : 'empty groups',
            r.summary.emptyGroups ? 'warn' : '',
          ],
        ].map(([n, label, kind]) =>
          el('li', { class: `count ${kind}` }, el('span', { class: 'number' }, count(n as number)), ` ${label}`),
        ),
      ),
      el(
        'div',
        { class: 'toolbar' },
        button('export', 'Export CSV'),
        button('rerun', 'Check Again', true),
        el('span', { id: 'busy', role: 'status', class: 'busy' }),
      ),
    ),
  );
  if (!r.complete) {
    root.append(
      el(
        'section',
        { id: 'incomplete', class: 'incomplete', 'aria-labelledby': 'incomplete-title' },
        el('h2', { id: 'incomplete-title' }, 'Not everything could be checked'),
        el(
          'ul',
          {},
          ...r.notChecked.map((g) =>
            el(
              'li',
              {},
              el('strong', {}, `${g.what}: `),
              g.reason,
              ...(g.permission
                ? [
                    ' ',
                    el(
                      'button',
                      { type: 'button', class: 'link', 'data-permission': g.permission },
                      `Show the IAM policy (${g.permission})`,
                    ),
                  ]
                : []),
            ),
          ),
        ),
      ),
    );
  }
  const appFindings = r.findings.filter((f) => f.code !== 'check-incomplete');
  if (appFindings.length > 0) {
    root.append(
      el(
        'section',
        { id: 'application', 'aria-labelledby': 'application-title' },
        el('h2', { id: 'application-title' }, 'Application'),
        findingList(appFindings),
      ),
    );
  }
  const select = el(
    'vscode-single-select',
    { id: 'show' },
    el('vscode-option', { value: 'all' }, 'All users'),
    el('vscode-option', { value: 'not-ready' }, 'Not ready'),
    el('vscode-option', { value: 'ready' }, 'Ready'),
  ) as HTMLElement & { value: string };
  select.value = view.show;
  const search = el('vscode-textfield', {
    id: 'filter',
    placeholder: 'Name, email, group or problem',
    type: 'search',
  }) as HTMLElement & {
    value: string;
  };
  search.value = filter;
  root.append(
    el(
      'section',
      { id: 'users', 'aria-labelledby': 'users-title' },
      el('h2', { id: 'users-title' }, 'Users'),
      r.users.length === 0
        ? el(
            'p',
            { class: 'empty' },
            r.complete
              ? 'Nobody can sign in through this application yet: assign the Frontline users or groups.'
              : 'No user could be checked; see above.',
          )
        : el(
            'div',
            { class: 'filters' },
            el('div', { class: 'field' }, el('vscode-label', { for: 'filter' }, 'Filter'), search),
            el('div', { class: 'field' }, el('vscode-label', { for: 'show' }, 'Show'), select),
          ),
      el('p', { id: 'shown', role: 'status', class: 'shown' }),
      ...(r.users.length === 0
        ? []
        : [
            el(
              'table',
              { id: 'users-table' },
              el(
                'caption',
                { class: 'visually-hidden' },
                'Users who can sign in, with the problems that stop them; sortable by each column',
              ),
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  ...COLUMNS.map((c) =>
                    el(
                      'th',
                      { scope: 'col', 'data-key': c.key },
                      el(
                        'button',
                        { type: 'button', class: 'sort', 'data-key': c.key },
                        c.key === 'email' ? `Email ${r.provider.name} receives` : c.label,
                        el('span', { class: 'arrow', 'aria-hidden': 'true' }),
                      ),
                    ),
                  ),
                ),
              ),
              el('tbody', {}),
            ),
            el('vscode-button', { id: 'more', secondary: '', hidden: '' }, 'Show More'),
          ]),
    ),
  );
  if (r.groups.length > 0) {
    root.append(
      el(
        'section',
        { id: 'groups', 'aria-labelledby': 'groups-title' },
        el('h2', { id: 'groups-title' }, 'Groups'),
        el(
          'table',
          { id: 'groups-table' },
          el('caption', { class: 'visually-hidden' }, 'Assigned groups and their members'),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, 'Group'),
              el('th', { scope: 'col' }, 'Members'),
              el('th', { scope: 'col' }, 'Problems and fixes'),
            ),
          ),
          el(
            'tbody',
            {},
            ...r.groups.map((g) =>
              el(
                'tr',
                {},
                el('td', {}, g.displayName ?? g.groupId),
                el('td', { class: 'number' }, g.memberCount === null ? 'not read' : count(g.memberCount)),
                el('td', {}, g.findings.length ? findingList(g.findings) : '—'),
              ),
            ),
          ),
        ),
      ),
    );
  }
  wire();
  renderRows();
}

function wire(): void {
  document.getElementById('export')?.addEventListener('click', () => post({ type: 'exportCsv' }));
  document.getElementById('rerun')?.addEventListener('click', () => post({ type: 'rerun' }));
  document.getElementById('more')?.addEventListener('click', () => {
    limit += ROWS_PER_STEP;
    renderRows();
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-permission]')) {
    b.addEventListener('click', () => post({ type: 'showPolicy', permission: b.dataset.permission }));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.sort')) {
    b.addEventListener('click', () => {
      const key = b.dataset.key as SortKey;
      view = { ...view, descending: view.sort === key ? !view.descending : false, sort: key };
      vscode.setState(view);
      renderRows();
    });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  document.getElementById('filter')?.addEventListener('input', (e) => {
    clearTimeout(timer);
    const value = (e.target as HTMLElement & { value: string }).value;
    timer = setTimeout(() => {
      filter = value;
      limit = ROWS_PER_STEP;
      renderRows();
    }, 150);
  });
  document.getElementById('show')?.addEventListener('change', (e) => {
    const value = (e.target as HTMLElement & { value: string }).value;
    view = { ...view, show: value === 'not-ready' || value === 'ready' ? value : 'all' };
    vscode.setState(view);
    limit = ROWS_PER_STEP;
    renderRows();
  });
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const worst = (u: UserReadiness) => Math.min(3, ...u.findings.map((f) => SEVERITY_ORDER[f.severity]));

function compare(a: (typeof rows)[number], b: (typeof rows)[number]): number {
  const byName = a.name.localeCompare(b.name) || a.user.userId.localeCompare(b.user.userId);
  switch (view.sort) {
    case 'status':
      return Number(a.user.ready) - Number(b.user.ready) || worst(a.user) - worst(b.user) || byName;
    case 'name':
      return byName;
    case 'email':
      return (a.user.email ?? '').localeCompare(b.user.email ?? '') || byName;
    case 'via':
      return a.via.localeCompare(b.via) || byName;
    case 'problems':
      return worst(a.user) - worst(b.user) || b.user.findings.length - a.user.findings.length || byName;
  }
}

/** The table body for the current filter and sort; the controls (and the focus in them) stay as they are. */
function renderRows(): void {
  if (!report) return;
  const needle = filter.trim().toLowerCase();
  const matching = rows.filter(
    (r) =>
      (view.show === 'all' || (view.show === 'ready') === r.user.ready) && (needle === '' || r.search.includes(needle)),
  );
  matching.sort((a, b) => (view.descending ? -compare(a, b) : compare(a, b)));
  const shownRows = matching.slice(0, limit);
  const body = document.querySelector('#users-table tbody');
  body?.replaceChildren(
    ...shownRows.map(({ user, name, via }) =>
      el(
        'tr',
        { class: user.ready ? 'ready' : 'not-ready' },
        el(
          'td',
          { class: 'status' },
          el('span', { 'aria-hidden': 'true' }, user.ready ? '✓ ' : '✗ '),
          user.ready ? 'Ready' : 'Not ready',
        ),
        el(
          'td',
          {},
          el('div', {}, name),
          user.userName && user.userName !== name ? el('div', { class: 'secondary' }, user.userName) : '',
        ),
        el('td', {}, user.email ?? el('span', { class: 'secondary' }, 'none')),
        el('td', {}, via),
        el('td', {}, user.findings.length ? findingList(user.findings) : '—'),
      ),
    ),
  );
  for (const th of document.querySelectorAll<HTMLElement>('#users-table th')) {
    const active = th.dataset.key === view.sort;
    th.setAttribute('aria-sort', active ? (view.descending ? 'descending' : 'ascending') : 'none');
    const arrow = th.querySelector('.arrow');
    if (arrow) arrow.textContent = active ? (view.descending ? ' ▼' : ' ▲') : '';
  }
  const more = document.getElementById('more');
  if (more) more.hidden = matching.length <= limit;
  const shown = document.getElementById('shown');
  if (shown) {
    const notReady = matching.filter((r) => !r.user.ready).length;
    shown.textContent =
      report.users.length === 0
        ? ''
        : matching.length === 0
          ? 'No user matches the filter.'
          : `Showing ${count(shownRows.length)} of ${plural(matching.length, 'matching user')} (${count(notReady)} not ready)${matching.length < report.users.length ? `; ${plural(report.users.length, 'user')} in all` : ''}.`;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  switch (message.type) {
    case 'report':
      render(message.report, message.checkedAt);
      return;
    case 'busy': {
      const busy = document.getElementById('busy');
      if (busy) busy.textContent = message.message;
      document.getElementById('root')?.setAttribute('aria-busy', 'true');
      return;
    }
    case 'failed': {
      const root = document.getElementById('root') as HTMLElement;
      root.setAttribute('aria-busy', 'false');
      const busy = document.getElementById('busy');
      if (busy) busy.textContent = message.message;
      else root.replaceChildren(el('p', { role: 'alert', class: 'failed' }, message.message));
      return;
    }
  }
});

post({ type: 'ready' });
