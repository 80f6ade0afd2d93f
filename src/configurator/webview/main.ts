// The configurator's browser side. All checks run in the extension host (src/core); this file only shows state,
// reports edits, and renders the host's findings. Untrusted text is only ever set as textContent or value.
//
// Accessibility: the components forward only their `label` property to the control inside their shadow root, so
// names come from vscode-label (top fields) or `label` (mapping rows), and errors and help reach that inner control
// as aria-invalid and aria-description (see expose). Host updates change the page in place, so focus stays put.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
// Bundled by esbuild into dist/configurator/configurator.css, next to this script.
import './configurator.css';
import { ATTRIBUTE_FORMATS, RECOMMENDED_MAPPINGS, SUBJECT_FORMATS } from '../../core/config/mappings';
import {
  Checklist,
  FIELD_NAMES,
  FRONTLINE_PROVIDER_ID,
  FieldName,
  FieldStatus,
  FormState,
  FormValidation,
  LIMITS,
  MappingPart,
  ProviderSummary,
  ToHost,
  checkFormState,
  checkToWebview,
  formStateProblem,
  mappingsAfterSwitch,
} from './protocol';

interface VsCodeApi {
  postMessage(message: ToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** A vscode-elements control as this page uses it. */
type Control = HTMLElement & {
  value: string;
  invalid?: boolean;
  checked?: boolean;
  disabled?: boolean;
  label?: string;
  updateComplete?: Promise<unknown>;
};

const vscode = acquireVsCodeApi();
const saved = checkFormState(vscode.getState());
let state: FormState | undefined = saved.ok ? saved.message : undefined;
/** The built-in providers, as the host sends them when the page is ready (the page bundles no provider data). */
let providers: ProviderSummary[] = [];
/** The provider whose param fields are on the page, to rebuild them only when the provider changes. */
let shownProvider: string | undefined;

function el(tag: string, props: Partial<Record<string, string>> = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

const byId = <T extends HTMLElement = Control>(id: string) => document.getElementById(id) as T;

// ---- Messages to the host ------------------------------------------------------------------------------------------

let changeTimer: ReturnType<typeof setTimeout> | undefined;
let tooLarge = false;

/** Sends the form, unless a value is over the protocol's bounds: then says which, and keeps everything as typed. */
function sendChange(): void {
  changeTimer = undefined;
  if (!state) return;
  const problem = formStateProblem(state);
  if (problem) {
    tooLarge = true;
    showNotice('error', `${problem} The form is not checked or saved until it is shorter.`);
    return;
  }
  if (tooLarge) {
    tooLarge = false;
    showNotice('info', 'The form is checked again.');
  }
  vscode.postMessage({ type: 'change', state });
}

function changed(): void {
  if (!state) return;
  vscode.setState(state);
  clearTimeout(changeTimer);
  changeTimer = setTimeout(sendChange, 120);
}

/** Sends an action; an edit still waiting to be sent goes first, so the host acts on what is on screen. */
function post(message: ToHost): void {
  if (changeTimer !== undefined) {
    clearTimeout(changeTimer);
    sendChange();
  }
  // Saving would write what the host last checked, not what is on screen: say again what is too long instead.
  if (message.type === 'save' && state && formStateProblem(state)) return sendChange();
  vscode.postMessage(message);
}

/** Focuses a component once it has rendered its inner control (a row just added has not yet). */
async function focusControl(control: Control): Promise<void> {
  await control.updateComplete;
  control.focus();
}

// ---- Accessible names, descriptions and errors ---------------------------------------------------------------------

/** The element inside a component's shadow root that takes focus and that assistive technology reads. */
async function innerControl(host: Control): Promise<HTMLElement | null> {
  await host.updateComplete;
  return host.shadowRoot?.querySelector<HTMLElement>('input, textarea, [role="combobox"]') ?? null;
}

/**
 * Gives the inner control its error state and description: aria-describedby cannot point across the shadow
 * boundary, and the components forward neither attribute, so both are set on the inner control itself.
 */
async function expose(host: Control, description: string, invalid: boolean): Promise<void> {
  host.invalid = invalid;
  const inner = await innerControl(host);
  if (!inner) return;
  if (description) inner.setAttribute('aria-description', description);
  else inner.removeAttribute('aria-description');
  if (invalid) inner.setAttribute('aria-invalid', 'true');
  else inner.removeAttribute('aria-invalid');
}

const LEVEL_WORDS: Partial<Record<FieldStatus['level'], string>> = { error: 'Error', warning: 'Warning', info: 'Note' };
function statusLines(status: FieldStatus, okText: string): string[] {
  const word = LEVEL_WORDS[status.level];
  if (status.messages.length) return status.messages.map((m) => (word ? `${word}: ${m}` : m));
  return status.level === 'ok' && okText ? [okText] : [];
}

/** A status under a field. Its glyph and border (CSS) carry the theme colour; the text is in the normal foreground. */
function renderStatus(target: HTMLElement, status: FieldStatus, okText = ''): string[] {
  const lines = statusLines(status, okText);
  target.className = `status ${lines.length ? status.level : ''}`;
  target.replaceChildren(...lines.map((line) => el('div', { class: 'status-line' }, line)));
  return lines;
}

// ---- The page ------------------------------------------------------------------------------------------------------

const HELP: Record<FieldName, string> = {
  realmSid: 'On the Frontline Console SSO page: JB followed by 32 hex digits. A pasted ACS or audience URL works too.',
  issuer: 'The IAM Identity Center issuer URL (https://portal.sso.<region>.amazonaws.com/saml/assertion/…).',
  ssoUrl: 'The IAM Identity Center sign-in URL; with IAM Identity Center it is the same as the issuer URL.',
  certificate:
    'The certificate downloaded from the IAM Identity Center application (PEM). Paste it, drop the file here, or choose it.',
  workspaceId: 'A name users type in the Frontline app to reach this sign-in, for example acme-support.',
};

function field(id: FieldName, label: string, multiline = false, placeholder = ''): HTMLElement {
  const input = el(multiline ? 'vscode-textarea' : 'vscode-textfield', { id, placeholder, class: 'wide' }) as Control;
  if (multiline) input.setAttribute('rows', '6');
  input.addEventListener('input', () => {
    if (!state) return;
    state[id] = input.value;
    if (id === 'certificate') renderCertificateFile();
    changed();
  });
  void expose(input, HELP[id], false);
  return el(
    'div',
    { class: 'field' },
    el('vscode-label', { for: id }, label),
    input,
    el('div', { class: 'help' }, HELP[id]),
    el('div', { id: `${id}-status`, class: 'status' }),
  );
}

type ValueId = 'acsUrl' | 'audience' | 'nameIdFormat';
/** The generated values on the page, as the Copy buttons copy them. */
const shownValues: Partial<Record<ValueId, string>> = {};

function copyRow(label: string, id: ValueId): HTMLElement {
  const button = el(
    'vscode-button',
    { secondary: '', id: `copy-${id}`, 'aria-label': `Copy ${label}`, disabled: '' },
    'Copy',
  ) as Control;
  button.addEventListener('click', () => {
    const text = shownValues[id];
    if (text && !button.disabled) post({ type: 'copy', text, label });
  });
  // Not a Tab stop: the value is read in reading order, and the Copy button is the control.
  return el(
    'div',
    { class: 'value-row', id: `${id}-row` },
    el('span', { class: 'value-label', id: `${id}-label` }, label),
    el('code', { id, class: 'value empty', 'aria-labelledby': `${id}-label` }),
    button,
  );
}

// ---- The service provider: the picker, its status, and one field per param ----------------------------------------

const providerOf = (id: string | undefined) => providers.find((p) => p.id === id);
const providerName = (p: ProviderSummary) => `${p.vendor} ${p.product}`;

function providerPicker(): HTMLElement {
  const select = el('vscode-single-select', { id: 'provider', class: 'wide' }) as Control;
  select.addEventListener('change', () => switchProvider(select.value));
  return el(
    'div',
    { class: 'field' },
    el('vscode-label', { for: 'provider' }, 'Service provider'),
    select,
    el(
      'div',
      { class: 'help', id: 'provider-help' },
      'The application users sign in to through IAM Identity Center. The fields and values below follow it.',
    ),
    el('div', { id: 'provider-status', class: 'status' }),
  );
}

/** Switches the form to another provider; every provider keeps what was typed for it (state.params). */
function switchProvider(id: string): void {
  if (!state || id === state.provider || !providerOf(id)) return;
  state.mappings = mappingsAfterSwitch(state.mappings, providerOf(state.provider), providerOf(id));
  state.provider = id;
  renderProvider();
  renderMappings();
  changed();
}

function renderPickerOptions(): void {
  const select = byId('provider');
  select.replaceChildren(
    ...providers.map((p) =>
      el(
        'vscode-option',
        { value: p.id, description: p.id },
        `${providerName(p)}${p.status === 'deprecated' ? ' (deprecated)' : ''}`,
      ),
    ),
  );
}

function paramField(provider: ProviderSummary, index: number): HTMLElement {
  const param = provider.params[index] as ProviderSummary['params'][number];
  const id = `param-${param.key}`;
  const help = `${param.where} Example: ${param.example}.${param.default !== undefined ? ` Left empty: ${param.default}.` : ''}`;
  const input = el('vscode-textfield', { id, placeholder: param.example, class: 'wide' }) as Control;
  input.dataset.help = help;
  input.value = state?.params[provider.id]?.[param.key] ?? '';
  input.addEventListener('input', () => {
    if (!state) return;
    state.params[provider.id] = { ...state.params[provider.id], [param.key]: input.value };
    changed();
  });
  void expose(input, help, false);
  return el(
    'div',
    { class: 'field' },
    el('vscode-label', { for: id }, param.label),
    input,
    el('div', { class: 'help' }, help),
    el('div', { id: `${id}-status`, class: 'status' }),
  );
}

/** Shows the chosen provider: its status, its fields (Frontline's Realm SID, or one per param) and its sections. */
function renderProvider(): void {
  if (!state) return;
  const provider = providerOf(state.provider);
  const frontline = state.provider === FRONTLINE_PROVIDER_ID;
  const select = byId('provider');
  if (provider && select.value !== provider.id) select.value = provider.id;
  const status = byId<HTMLElement>('provider-status');
  const statusLines: Node[] = [];
  if (provider?.statusMessage && provider.status !== 'current') {
    statusLines.push(
      el(
        'div',
        { class: 'status-line' },
        `${provider.status === 'deprecated' ? 'Warning: deprecated. ' : 'Note: '}${provider.statusMessage}`,
      ),
    );
    const replacement = providerOf(provider.replacement);
    if (replacement) {
      const move = el(
        'vscode-button',
        { secondary: '', id: 'provider-replacement' },
        `Switch to ${providerName(replacement)}`,
      );
      move.addEventListener('click', () => {
        switchProvider(replacement.id);
        void focusControl(byId('provider'));
      });
      statusLines.push(el('div', { class: 'status-action' }, move));
    }
    if (provider.guide)
      statusLines.push(
        el('div', { class: 'status-action' }, 'Migration guide: ', el('a', { href: provider.guide }, provider.guide)),
      );
  }
  status.className = `status ${statusLines.length ? (provider?.status === 'deprecated' ? 'warning' : 'info') : ''}`;
  status.replaceChildren(...statusLines);
  byId<HTMLElement>('frontline-fields').hidden = !frontline;
  byId<HTMLElement>('frontline-properties').hidden = !frontline;
  byId<HTMLElement>('workspace-field').hidden = !frontline;
  const name = frontline ? 'Frontline' : provider ? provider.product : state.provider;
  byId<HTMLElement>('sp-title').textContent = `1. ${name} → AWS`;
  byId<HTMLElement>('idp-title').textContent = `3. AWS → ${name}`;
  if (shownProvider !== state.provider) {
    shownProvider = state.provider;
    byId<HTMLElement>('param-fields').replaceChildren(
      ...(frontline || !provider ? [] : provider.params.map((_, i) => paramField(provider, i))),
    );
  } else if (provider && !frontline) {
    for (const param of provider.params)
      setValue(byId(`param-${param.key}`), state.params[provider.id]?.[param.key] ?? '');
  }
  renderValue('nameIdFormat', provider?.nameIdFormat, "Not named by the provider's documentation");
}

function checkbox(key: keyof Checklist, label: string): HTMLElement {
  // The label as content only: with the `label` attribute as well, the component shows it twice.
  const box = el('vscode-checkbox', { id: `check-${key}` }, label) as Control;
  box.addEventListener('change', () => {
    if (!state) return;
    state.checklist[key] = Boolean(box.checked);
    changed();
  });
  return box;
}

function button(label: string, message: ToHost, secondary: boolean, id: string): HTMLElement {
  const b = el('vscode-button', { ...(secondary ? { secondary: '' } : {}), id }, label);
  b.addEventListener('click', () => post(message));
  return b;
}

function build(): void {
  const root = byId<HTMLElement>('root');
  const addMapping = el('vscode-button', { secondary: '', id: 'add-mapping' }, 'Add mapping');
  addMapping.addEventListener('click', () => {
    if (!state || state.mappings.length >= LIMITS.mappingRows) return;
    state.mappings.push({ attribute: '', value: '', format: 'unspecified' });
    renderMappings();
    changed();
    const added = rows[rows.length - 1];
    if (added) void focusControl(added.attribute);
  });
  const reset = el('vscode-button', { secondary: '', id: 'recommended-mappings' }, 'Use the recommended mappings');
  reset.addEventListener('click', () => {
    if (!state) return;
    const suggested = providerOf(state.provider)?.mappings ?? RECOMMENDED_MAPPINGS;
    state.mappings = suggested.map((m) => ({ ...m }));
    renderMappings();
    changed();
  });
  const certificate = field('certificate', 'X.509 certificate', true, '-----BEGIN CERTIFICATE-----');
  certificate.addEventListener('dragover', (e) => e.preventDefault());
  certificate.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (!file || !state) return;
    if (file.size > LIMITS.certificateChars) {
      showNotice('error', `${file.name} is over ${LIMITS.certificateChars / 1024} KB; a certificate is a few KB.`);
      return;
    }
    void file.text().then((text) => {
      if (!state) return;
      state.certificate = text;
      byId('certificate').value = text;
      renderCertificateFile();
      changed();
    });
  });
  certificate.append(el('div', { id: 'cert-file', class: 'help' }));

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
      el('div', { id: 'summary', class: 'summary', role: 'status' }),
      el('div', { id: 'notice', class: 'notice', role: 'status' }),
      // Announces what a keyboard action did when the page shows it elsewhere (a removed row).
      el('div', { id: 'announcer', class: 'visually-hidden', role: 'status' }),
    ),
    el(
      'section',
      { 'aria-labelledby': 'sp-title' },
      el('h2', { id: 'sp-title' }, '1. Frontline → AWS'),
      providerPicker(),
      el(
        'div',
        { id: 'frontline-fields' },
        field('realmSid', 'Realm SID', false, 'JB0123456789abcdef0123456789abcdef'),
      ),
      el('div', { id: 'param-fields' }),
      el('p', { class: 'help' }, 'In the IAM Identity Center application, under Application metadata, enter:'),
      copyRow('Application ACS URL', 'acsUrl'),
      copyRow('Application SAML audience', 'audience'),
      copyRow('NameID format (the Subject mapping)', 'nameIdFormat'),
      el(
        'div',
        { id: 'frontline-properties' },
        el('p', { class: 'help' }, 'Application properties, as the guide sets them:'),
        el(
          'div',
          { class: 'checks' },
          checkbox('startUrlBlank', 'Application start URL left blank'),
          checkbox('relayStateBlank', 'Relay state left blank'),
          checkbox('sessionOneHour', 'Session duration 1 hour'),
        ),
      ),
    ),
    el(
      'section',
      { 'aria-labelledby': 'map-title' },
      el('h2', { id: 'map-title' }, '2. Attribute mappings'),
      el('p', { class: 'help' }, 'In AWS: Actions → Edit attribute mappings. Names are case-sensitive.'),
      // Column titles for sighted users; each control carries its own name ("Mapping 2 maps to").
      el(
        'div',
        { class: 'mapping-head', 'aria-hidden': 'true' },
        el('span', {}, 'User attribute in the application'),
        el('span', {}, 'Maps to'),
        el('span', {}, 'Format'),
        el('span', {}),
      ),
      el('div', { id: 'mappings' }),
      el('div', { class: 'general', id: 'general' }),
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
      field('issuer', 'Identity provider issuer', false, 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/…'),
      field('ssoUrl', 'SSO URL', false, 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/…'),
      certificate,
      el('div', { id: 'cert-summary', class: 'cert-summary' }),
      el(
        'div',
        { id: 'live', role: 'group', 'aria-labelledby': 'live-title', hidden: '' },
        el('h3', { id: 'live-title' }, 'Live metadata: what IAM Identity Center publishes now'),
        el('div', { id: 'live-status', class: 'status', 'aria-live': 'polite' }),
      ),
      el('div', { id: 'workspace-field' }, field('workspaceId', 'Workspace ID', false, 'acme-support')),
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

// ---- Mapping rows: one group per row, kept and updated in place so focus survives every update --------------------

interface RowView {
  group: HTMLElement;
  attribute: Control;
  value: Control;
  format: Control;
  status: HTMLElement;
  /** The format options shown, to rebuild them only when the attribute switches to or from Subject. */
  formats: string;
}
const rows: RowView[] = [];
const PARTS: readonly MappingPart[] = ['attribute', 'value', 'format'];

function createRow(i: number): RowView {
  const n = i + 1;
  const control = (tag: string, part: MappingPart, name: string) => {
    const c = el(tag, { id: `map-${i}-${part}` }) as Control;
    // The components put `label` on their inner control (what vscode-label does for the fields above).
    c.label = `Mapping ${n} ${name}`;
    return c;
  };
  const view: RowView = {
    attribute: control('vscode-textfield', 'attribute', 'attribute'),
    value: control('vscode-textfield', 'value', 'maps to'),
    format: control('vscode-single-select', 'format', 'format'),
    status: el('div', { class: 'status', id: `map-${i}-status` }),
    group: el('div', { class: 'mapping', role: 'group', 'aria-label': `Mapping ${n}`, id: `map-${i}` }),
    formats: '',
  };
  for (const part of PARTS) {
    view[part].addEventListener(part === 'format' ? 'change' : 'input', () => {
      const row = state?.mappings[i];
      if (!row) return;
      row[part] = view[part].value;
      if (part === 'attribute') renderFormats(view, row.attribute, row.format);
      changed();
    });
  }
  const copy = el('vscode-button', { secondary: '', 'aria-label': `Copy mapping ${n}`, id: `map-${i}-copy` }, 'Copy');
  copy.addEventListener('click', () => {
    const row = state?.mappings[i];
    if (!row) return;
    const name = row.attribute ? `the ${row.attribute.slice(0, 60)} mapping` : `mapping ${n}`;
    post({ type: 'copy', text: `${row.attribute}\t${row.value}\t${row.format}`, label: name });
  });
  const remove = el(
    'vscode-button',
    { secondary: '', 'aria-label': `Remove mapping ${n}`, id: `map-${i}-remove` },
    'Remove',
  );
  remove.addEventListener('click', () => removeMapping(i));
  view.group.append(
    el(
      'div',
      { class: 'mapping-row' },
      view.attribute,
      view.value,
      view.format,
      el('span', { class: 'row-actions' }, copy, remove),
    ),
    view.status,
  );
  return view;
}

function renderFormats(view: RowView, attribute: string, format: string): void {
  const formats: readonly string[] = attribute === 'Subject' ? SUBJECT_FORMATS : ATTRIBUTE_FORMATS;
  const shown = [...new Set([...formats, format])];
  const key = shown.join('\n');
  if (view.formats !== key) {
    view.format.replaceChildren(...shown.map((f) => el('vscode-option', { value: f }, f || '(none)')));
    view.formats = key;
  }
  if (view.format.value !== format) view.format.value = format;
}

function setValue(control: Control, value: string): void {
  if (control.value !== value) control.value = value;
}

function renderMappings(): void {
  if (!state) return;
  const body = byId<HTMLElement>('mappings');
  state.mappings.forEach((m, i) => {
    const view = (rows[i] ??= createRow(i));
    if (!view.group.isConnected) body.append(view.group);
    setValue(view.attribute, m.attribute);
    setValue(view.value, m.value);
    renderFormats(view, m.attribute, m.format);
  });
  while (rows.length > state.mappings.length) rows.pop()?.group.remove();
}

/** Removes a row; focus moves to the row that takes its place, else the one before, else "Add mapping". */
function removeMapping(i: number): void {
  if (!state?.mappings[i]) return;
  state.mappings.splice(i, 1);
  renderMappings();
  changed();
  void focusControl(rows[i]?.attribute ?? rows[i - 1]?.attribute ?? byId('add-mapping'));
  byId<HTMLElement>('announcer').textContent = `Removed mapping ${i + 1}. ${state.mappings.length} left.`;
}

// ---- Rendering what the host sends ---------------------------------------------------------------------------------

function renderCertificateFile(): void {
  const target = byId<HTMLElement>('cert-file');
  const file = state?.certificateFile;
  target.textContent = !file
    ? ''
    : state?.certificate.trim()
      ? `The pasted certificate replaces the certificate file ${file} when you save.`
      : `Using the certificate file ${file}; it stays in the config when you save. Paste a certificate to use it instead.`;
}

function renderState(next: FormState): void {
  state = next;
  vscode.setState(state);
  for (const id of FIELD_NAMES) setValue(byId(id), next[id]);
  for (const [key, value] of Object.entries(next.checklist)) {
    const box = byId(`check-${key}`);
    if (box && box.checked !== value) box.checked = value;
  }
  renderMappings();
  renderCertificateFile();
  renderProvider();
}

function renderValue(id: ValueId, value: string | undefined, empty: string): void {
  const code = byId<HTMLElement>(id);
  code.textContent = value ?? empty;
  code.classList.toggle('empty', !value);
  shownValues[id] = value;
  byId(`copy-${id}`).disabled = !value;
}

function renderValidation(v: FormValidation): void {
  // Results for a provider the page no longer shows are stale: the host checks the new one next.
  if (state && v.provider !== undefined && v.provider !== state.provider) return;
  const frontline = !state || state.provider === FRONTLINE_PROVIDER_ID;
  const empty = frontline ? 'Shown when the Realm SID is valid' : 'Shown when the fields above are valid';
  renderValue('acsUrl', v.acsUrl, empty);
  renderValue('audience', v.audience, empty);
  for (const [key, status] of Object.entries(v.params ?? {})) {
    const input = byId(`param-${key}`);
    const target = byId<HTMLElement>(`param-${key}-status`);
    if (!input || !target) continue;
    const lines = renderStatus(target, status, 'Looks right');
    void expose(input, [...lines, input.dataset.help ?? ''].join(' '), status.level === 'error');
  }
  for (const name of FIELD_NAMES) {
    const status = v.fields[name];
    const lines = renderStatus(byId<HTMLElement>(`${name}-status`), status, 'Looks right');
    void expose(byId(name), [...lines, HELP[name]].join(' '), status.level === 'error');
  }
  v.mappingRows.forEach((status, i) => {
    const view = rows[i];
    if (!view) return;
    const description = renderStatus(view.status, status).join(' ');
    for (const part of PARTS) {
      const invalid = status.level === 'error' && (status.parts ?? PARTS).includes(part);
      void expose(view[part], description, invalid);
    }
  });
  renderStatus(byId<HTMLElement>('general'), { level: v.general.length ? 'error' : 'empty', messages: v.general });
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
  const live = byId<HTMLElement>('live');
  live.hidden = !v.live;
  if (v.live) renderStatus(byId<HTMLElement>('live-status'), v.live, 'The saved config matches the live metadata.');
  byId<HTMLElement>('remaining').replaceChildren(
    ...(v.remaining.length
      ? v.remaining
      : ['Nothing: the setup is complete. Save it to the workspace and test a login.']
    ).map((r) => el('li', {}, r)),
  );
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary =
    v.errors === 0 && v.remaining.length === 0
      ? 'Complete and consistent'
      : `${plural(v.errors, 'error')}, ${plural(v.warnings, 'warning')}, ${plural(v.remaining.length, 'step')} left`;
  // Only a changed summary is written, so the live region speaks when something changed, not on every keystroke.
  const summaryNode = byId<HTMLElement>('summary');
  if (summaryNode.textContent !== summary) summaryNode.textContent = summary;
}

function showNotice(level: string, message: string): void {
  const notice = byId<HTMLElement>('notice');
  notice.className = `notice ${level}`;
  notice.textContent = message;
}

window.addEventListener('message', (event: MessageEvent) => {
  const checked = checkToWebview(event.data);
  if (!checked.ok) {
    console.warn(`Ignored a message that is not part of the configurator protocol: ${checked.reason}`);
    return;
  }
  const message = checked.message;
  if (message.type === 'state') renderState(message.state);
  else if (message.type === 'providers') {
    providers = message.providers;
    renderPickerOptions();
    shownProvider = undefined;
    renderProvider();
  } else if (message.type === 'validation') renderValidation(message.validation);
  else showNotice(message.level, message.message);
});

build();
if (state) renderState(state);
// The host sends nothing until the page says it is ready (and hands back the state it kept across reloads).
post({ type: 'ready', state: state && !formStateProblem(state) ? state : undefined });
