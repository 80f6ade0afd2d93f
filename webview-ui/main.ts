// The configurator's browser side. All checks run in the extension host (src/core); this file only shows state,
// reports edits, and renders the host's findings. Untrusted text is only ever set as textContent or value.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import {
  Checklist,
  FieldName,
  FieldStatus,
  FormState,
  FormValidation,
  ToHost,
  isFormState,
  parseToWebview,
} from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type InputElement = HTMLElement & { value: string; invalid?: boolean; checked?: boolean };

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let state: FormState | undefined = isFormState(saved) ? saved : undefined;

const SUBJECT_FORMATS = ['unspecified', 'emailAddress', 'persistent', 'transient'];
const ATTRIBUTE_FORMATS = ['unspecified', 'uri', 'basic'];

function el(tag: string, props: Partial<Record<string, string>> = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

const byId = <T extends HTMLElement = InputElement>(id: string) => document.getElementById(id) as T;

function post(message: ToHost): void {
  vscode.postMessage(message);
}

let changeTimer: ReturnType<typeof setTimeout> | undefined;
function changed(): void {
  if (!state) return;
  vscode.setState(state);
  clearTimeout(changeTimer);
  changeTimer = setTimeout(() => state && post({ type: 'change', state }), 120);
}

function field(id: FieldName, label: string, help: string, multiline = false, placeholder = ''): HTMLElement {
  const input = el(multiline ? 'vscode-textarea' : 'vscode-textfield', {
    id,
    placeholder,
    'aria-describedby': `${id}-status`,
    class: 'wide',
  });
  if (multiline) input.setAttribute('rows', '6');
  input.addEventListener('input', () => {
    if (!state) return;
    state[id] = (input as InputElement).value;
    changed();
  });
  return el(
    'div',
    { class: 'field' },
    el('vscode-label', { for: id }, label),
    input,
    el('div', { class: 'help' }, help),
    el('div', { id: `${id}-status`, class: 'status', role: 'status' }),
  );
}

function copyRow(label: string, id: string): HTMLElement {
  const button = el('vscode-button', { secondary: '', 'aria-label': `Copy ${label}` }, 'Copy');
  button.addEventListener('click', () => {
    const text = byId<HTMLElement>(id).textContent ?? '';
    if (text) post({ type: 'copy', text, label });
  });
  return el(
    'div',
    { class: 'value-row' },
    el('span', { class: 'value-label' }, label),
    el('code', { id, class: 'value', tabindex: '0' }),
    button,
  );
}

function checkbox(key: keyof Checklist, label: string): HTMLElement {
  const box = el('vscode-checkbox', { id: `check-${key}`, label });
  box.append(label);
  box.addEventListener('change', () => {
    if (!state) return;
    state.checklist[key] = Boolean((box as InputElement).checked);
    changed();
  });
  return box;
}

function button(label: string, message: ToHost, secondary = false, id?: string): HTMLElement {
  const b = el('vscode-button', { ...(secondary ? { secondary: '' } : {}), ...(id ? { id } : {}) }, label);
  b.addEventListener('click', () => post(message));
  return b;
}

function build(): void {
  const root = byId<HTMLElement>('root');
  const mappingsBody = el('div', { id: 'mappings', role: 'table', 'aria-label': 'Attribute mappings' });
  const addMapping = el('vscode-button', { secondary: '' }, 'Add mapping');
  addMapping.addEventListener('click', () => {
    if (!state) return;
    state.mappings.push({ attribute: '', value: '', format: 'unspecified' });
    renderMappings();
    changed();
  });
  const reset = el('vscode-button', { secondary: '' }, 'Use the recommended mappings');
  reset.addEventListener('click', () => {
    if (!state) return;
    state.mappings = [
      { attribute: 'Subject', value: '${user:email}', format: 'emailAddress' },
      { attribute: 'email', value: '${user:email}', format: 'unspecified' },
      { attribute: 'roles', value: 'agent', format: 'unspecified' },
    ];
    renderMappings();
    changed();
  });
  const certificate = field(
    'certificate',
    'X.509 certificate',
    'The certificate downloaded from the IAM Identity Center application (PEM). Paste it, drop the file here, or choose it.',
    true,
    '-----BEGIN CERTIFICATE-----',
  );
  certificate.addEventListener('dragover', (e) => e.preventDefault());
  certificate.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (!file || !state) return;
    if (file.size > 1024 * 1024) {
      showNotice('error', `${file.name} is over 1 MB; a certificate is a few KB.`);
      return;
    }
    void file.text().then((text) => {
      if (!state) return;
      state.certificate = text;
      byId('certificate').value = text;
      changed();
    });
  });

  root.append(
    el(
      'header',
      {},
      el('h1', {}, 'Frontline SSO with AWS IAM Identity Center'),
      el(
        'div',
        { class: 'toolbar' },
        button('Open config…', { type: 'open' }, true, 'open'),
        button('Save to workspace', { type: 'save' }, false, 'save'),
      ),
      el('div', { id: 'summary', class: 'summary', role: 'status', 'aria-live': 'polite' }),
      el('div', { id: 'notice', class: 'notice', role: 'alert' }),
    ),
    el(
      'section',
      { 'aria-labelledby': 'sp-title' },
      el('h2', { id: 'sp-title' }, '1. Frontline → AWS'),
      field(
        'realmSid',
        'Realm SID',
        'On the Frontline Console SSO page: JB followed by 32 hex digits. A pasted ACS or audience URL works too.',
        false,
        'JB0123456789abcdef0123456789abcdef',
      ),
      el('p', { class: 'help' }, 'In the IAM Identity Center application, under Application metadata, enter:'),
      copyRow('Application ACS URL', 'acsUrl'),
      copyRow('Application SAML audience', 'audience'),
      el('p', { class: 'help' }, 'Application properties, as the guide sets them:'),
      el(
        'div',
        { class: 'checks' },
        checkbox('startUrlBlank', 'Application start URL left blank'),
        checkbox('relayStateBlank', 'Relay state left blank'),
        checkbox('sessionOneHour', 'Session duration 1 hour'),
      ),
    ),
    el(
      'section',
      { 'aria-labelledby': 'map-title' },
      el('h2', { id: 'map-title' }, '2. Attribute mappings'),
      el('p', { class: 'help' }, 'In AWS: Actions → Edit attribute mappings. Names are case-sensitive.'),
      el(
        'div',
        { class: 'mapping-head', 'aria-hidden': 'true' },
        el('span', {}, 'User attribute in the application'),
        el('span', {}, 'Maps to'),
        el('span', {}, 'Format'),
        el('span', {}),
      ),
      mappingsBody,
      el('div', { class: 'general', id: 'general', role: 'status' }),
      el('div', { class: 'toolbar' }, addMapping, reset),
    ),
    el(
      'section',
      { 'aria-labelledby': 'idp-title' },
      el('h2', { id: 'idp-title' }, '3. AWS → Frontline'),
      el(
        'div',
        { class: 'toolbar' },
        button('Import metadata XML…', { type: 'importMetadata' }, true, 'import'),
        button('Choose certificate file…', { type: 'pickCertificate' }, true, 'pick-cert'),
      ),
      field(
        'issuer',
        'Identity provider issuer',
        'The IAM Identity Center issuer URL (https://portal.sso.<region>.amazonaws.com/saml/assertion/…).',
        false,
        'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/…',
      ),
      field(
        'ssoUrl',
        'SSO URL',
        'The IAM Identity Center sign-in URL; with IAM Identity Center it is the same as the issuer URL.',
        false,
        'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/…',
      ),
      certificate,
      el('div', { id: 'cert-summary', class: 'cert-summary' }),
      field(
        'workspaceId',
        'Workspace ID',
        'A name users type in the Frontline app to reach this sign-in, for example acme-support.',
        false,
        'acme-support',
      ),
      checkbox('usersAssigned', 'Users or groups are assigned to the application in AWS'),
    ),
    el(
      'section',
      { 'aria-labelledby': 'left-title' },
      el('h2', { id: 'left-title' }, 'What is left'),
      el('ul', { id: 'remaining' }),
    ),
  );
}

function renderMappings(): void {
  if (!state) return;
  const body = byId<HTMLElement>('mappings');
  body.replaceChildren();
  state.mappings.forEach((m, i) => {
    const attribute = el('vscode-textfield', {
      'aria-label': `Row ${i + 1} attribute`,
      id: `map-${i}-attribute`,
    }) as InputElement;
    const value = el('vscode-textfield', {
      'aria-label': `Row ${i + 1} maps to`,
      id: `map-${i}-value`,
    }) as InputElement;
    const formats = m.attribute === 'Subject' ? SUBJECT_FORMATS : ATTRIBUTE_FORMATS;
    const format = el('vscode-single-select', {
      'aria-label': `Row ${i + 1} format`,
      id: `map-${i}-format`,
      combobox: '',
    }) as InputElement;
    for (const f of new Set([...formats, m.format].filter(Boolean)))
      format.append(el('vscode-option', { value: f }, f));
    attribute.value = m.attribute;
    value.value = m.value;
    format.value = m.format;
    const bind = (input: InputElement, key: 'attribute' | 'value' | 'format', event: string) =>
      input.addEventListener(event, () => {
        const row = state?.mappings[i];
        if (!row) return;
        row[key] = input.value;
        changed();
      });
    bind(attribute, 'attribute', 'input');
    bind(value, 'value', 'input');
    bind(format, 'format', 'change');
    const copy = el('vscode-button', { secondary: '', 'aria-label': `Copy row ${i + 1}` }, 'Copy');
    copy.addEventListener('click', () => {
      const row = state?.mappings[i];
      if (row)
        post({
          type: 'copy',
          text: `${row.attribute}\t${row.value}\t${row.format}`,
          label: `the ${row.attribute || 'mapping'} row`,
        });
    });
    const remove = el('vscode-button', { secondary: '', 'aria-label': `Remove row ${i + 1}` }, 'Remove');
    remove.addEventListener('click', () => {
      state?.mappings.splice(i, 1);
      renderMappings();
      changed();
    });
    body.append(
      el(
        'div',
        { class: 'mapping-row', role: 'row' },
        attribute,
        value,
        format,
        el('span', { class: 'row-actions' }, copy, remove),
      ),
      el('div', { class: 'status', id: `map-${i}-status`, role: 'status' }),
    );
  });
}

function renderState(next: FormState): void {
  state = next;
  vscode.setState(state);
  for (const id of ['realmSid', 'workspaceId', 'issuer', 'ssoUrl', 'certificate'] as const) {
    const input = byId(id);
    if (input.value !== next[id]) input.value = next[id];
  }
  for (const [key, value] of Object.entries(next.checklist)) {
    const box = byId(`check-${key}`);
    if (box) box.checked = value;
  }
  renderMappings();
}

function renderStatus(target: HTMLElement, status: FieldStatus, okText = ''): void {
  target.className = `status ${status.level}`;
  target.replaceChildren(
    ...(status.messages.length ? status.messages : status.level === 'ok' && okText ? [okText] : []).map((m) =>
      el('div', {}, m),
    ),
  );
}

function renderValidation(v: FormValidation): void {
  byId<HTMLElement>('acsUrl').textContent = v.acsUrl ?? '';
  byId<HTMLElement>('audience').textContent = v.audience ?? '';
  for (const [name, status] of Object.entries(v.fields) as Array<[FieldName, FieldStatus]>) {
    renderStatus(byId<HTMLElement>(`${name}-status`), status, '✓ looks right');
    const input = byId(name);
    if (input) input.invalid = status.level === 'error';
  }
  v.mappingRows.forEach((status, i) => {
    const target = document.getElementById(`map-${i}-status`);
    if (target) renderStatus(target, status);
  });
  byId<HTMLElement>('general').replaceChildren(...v.general.map((m) => el('div', { class: 'status error' }, m)));
  const cert = byId<HTMLElement>('cert-summary');
  cert.replaceChildren(
    ...(v.certificate
      ? [
          el(
            'div',
            {},
            el('strong', {}, v.certificate.subject),
            ` — ${v.certificate.status} (${v.certificate.notAfter.slice(0, 10)})`,
          ),
          el('div', {}, 'SHA-1 ', el('code', {}, v.certificate.sha1)),
          el('div', {}, 'SHA-256 ', el('code', {}, v.certificate.sha256)),
        ]
      : []),
  );
  byId<HTMLElement>('remaining').replaceChildren(
    ...(v.remaining.length
      ? v.remaining
      : ['Nothing: the setup is complete. Save it to the workspace and test a login.']
    ).map((r) => el('li', {}, r)),
  );
  byId<HTMLElement>('summary').textContent =
    v.errors === 0 && v.remaining.length === 0
      ? '✓ Complete and consistent'
      : `${v.errors} error${v.errors === 1 ? '' : 's'}, ${v.warnings} warning${v.warnings === 1 ? '' : 's'}, ${v.remaining.length} step${v.remaining.length === 1 ? '' : 's'} left`;
}

function showNotice(level: string, message: string): void {
  const notice = byId<HTMLElement>('notice');
  notice.className = `notice ${level}`;
  notice.textContent = message;
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) {
    console.warn('Ignored a message that is not part of the configurator protocol');
    return;
  }
  if (message.type === 'state') renderState(message.state);
  else if (message.type === 'validation') renderValidation(message.validation);
  else showNotice(message.level, message.message);
});

build();
if (state) renderState(state);
// The host sends nothing until the page says it is ready (and hands back the state it kept across reloads).
post({ type: 'ready', state });
