/**
 * The configurator's host ⇄ webview messages: one module imported by both sides (no vscode, no DOM). Every message
 * is checked on receipt with the check functions below — shape and size: every string and list has a bound, so no
 * message can be larger than a few megabytes — and anything else is ignored and logged with the reason.
 */
export type FindingLevel = 'error' | 'warning' | 'info';

export interface MappingRow {
  attribute: string;
  value: string;
  format: string;
}

export interface Checklist {
  startUrlBlank: boolean;
  relayStateBlank: boolean;
  sessionOneHour: boolean;
  usersAssigned: boolean;
}

export interface FormState {
  realmSid: string;
  workspaceId: string;
  issuer: string;
  ssoUrl: string;
  /** PEM text as pasted, dropped or picked (inline in the config). */
  certificate: string;
  /**
   * The config's `certificateFile` reference as written (a path, never the file's content), kept when saving while
   * no certificate is pasted. The host reads the file; the page only sees its decoded summary.
   */
  certificateFile: string;
  mappings: MappingRow[];
  checklist: Checklist;
  /**
   * The service provider the form sets up (a built-in provider id). `twilio-frontline`, the default, uses the Realm
   * SID and Workspace ID above and saves a config exactly as before providers existed.
   */
  provider: string;
  /**
   * What the user entered for each provider's params, by provider id then param key: every provider visited keeps its
   * values, so switching providers back and forth loses nothing.
   */
  params: Record<string, Record<string, string>>;
}

/** The provider a form without one (saved by 0.1.x, or a config without `serviceProvider.id`) is for. */
export const FRONTLINE_PROVIDER_ID = 'twilio-frontline';

/** A provider param as the page shows it: its field, and the help that says where to find the value. */
export interface ProviderParamSummary {
  key: string;
  label: string;
  example: string;
  where: string;
  default?: string;
}

/**
 * A built-in provider as the page needs it, from the provider data (the page does not bundle the definitions): the
 * picker's entry, the status to warn about, its params, its NameID format and suggested attribute mappings.
 */
export interface ProviderSummary {
  id: string;
  vendor: string;
  product: string;
  status: 'current' | 'legacy' | 'deprecated';
  /** Why a legacy or deprecated provider is so, and what to do (the data's message). */
  statusMessage?: string;
  /** The provider id to move to. */
  replacement?: string;
  /** The vendor's migration guide. */
  guide?: string;
  params: ProviderParamSummary[];
  /** The NameID format the provider documents (the preferred one); absent when it names none. */
  nameIdFormat?: string;
  /** The rows to type into IAM Identity Center's attribute mappings. */
  mappings: MappingRow[];
}

export type FieldName = 'realmSid' | 'workspaceId' | 'issuer' | 'ssoUrl' | 'certificate';
export const FIELD_NAMES: readonly FieldName[] = ['realmSid', 'workspaceId', 'issuer', 'ssoUrl', 'certificate'];

export type MappingPart = 'attribute' | 'value' | 'format';
const MAPPING_PARTS: readonly string[] = ['attribute', 'value', 'format'];

export interface FieldStatus {
  level: FindingLevel | 'ok' | 'empty';
  messages: string[];
  /** For a mapping row: the parts its errors are about (all of them when absent). */
  parts?: MappingPart[];
}

/** What the page shows of a certificate: never the certificate file's text or any key material. */
export interface CertificateSummary {
  subject: string;
  notAfter: string;
  status: string;
  sha1: string;
  sha256: string;
}

export interface FormValidation {
  /** The provider these results are for (the page ignores results for a provider it no longer shows). */
  provider?: string;
  acsUrl?: string;
  audience?: string;
  /** Each param of the provider (not Frontline's Realm SID, which is under fields), by key. */
  params?: Record<string, FieldStatus>;
  fields: Record<FieldName, FieldStatus>;
  certificate?: CertificateSummary;
  mappingRows: FieldStatus[];
  /** Problems that belong to no single field (a missing mapping, …). */
  general: string[];
  /** What is still to do, in the order of the guide; empty when the setup is complete. */
  remaining: string[];
  errors: number;
  warnings: number;
  /**
   * The saved config against the metadata IAM Identity Center publishes now (the live check); absent when the form has
   * no config file or the check is turned off.
   */
  live?: FieldStatus;
}

export type ToHost =
  | { type: 'ready'; state?: FormState }
  | { type: 'change'; state: FormState }
  | { type: 'copy'; text: string; label: string }
  | { type: 'save' }
  | { type: 'open' }
  | { type: 'importMetadata' }
  | { type: 'pickCertificate' };

export type ToWebview =
  | { type: 'state'; state: FormState; source?: string }
  | { type: 'validation'; validation: FormValidation }
  | { type: 'providers'; providers: ProviderSummary[] }
  | { type: 'notice'; level: FindingLevel; message: string };

/**
 * Size bounds, in characters. A message over any of them is refused whole on receipt; the sender checks first and
 * says what is too long instead of sending (see formStateProblem).
 */
export const LIMITS = {
  /** Realm SID, Workspace ID, issuer and sign-in URL (a URL or SID is well under 1 KB). */
  fieldChars: 8 * 1024,
  /** Pasted PEM text: a certificate is about 1.5 KB; room for a long chain. */
  certificateChars: 128 * 1024,
  /** The certificateFile path. */
  pathChars: 4 * 1024,
  /** Each of a mapping row's attribute, value and format. */
  mappingChars: 2 * 1024,
  mappingRows: 100,
  /** Text to copy, and its label in the status bar. */
  copyChars: 16 * 1024,
  labelChars: 200,
  /** A finding, notice, summary line or step of "What is left". */
  messageChars: 2 * 1024,
  /** Messages under one field or row, general problems, steps left. */
  messagesPerList: 100,
  /** Providers the form keeps params for, and that the picker lists. */
  providers: 64,
  /** Params of one provider. */
  paramsPerProvider: 16,
  /** A provider id or param key. */
  idChars: 64,
} as const;

/** A provider id (built-in ids, and the ids a user's provider file may have). */
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A param key: the form a `{key}` placeholder takes in templates. */
const PARAM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The result of checking a received message: the message, or why it was refused (never quoting its content), and
 * whether it was refused only for its size (worth telling the user, who can shorten what they typed).
 */
export type Checked<T> = { ok: true; message: T } | { ok: false; reason: string; tooLarge: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const refuse = (reason: string, tooLarge = false): { ok: false; reason: string; tooLarge: boolean } => ({
  ok: false,
  reason,
  tooLarge,
});

/** Cuts text for a message that must stay within `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number = LIMITS.messageChars): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const FIELD_LIMITS: Record<FieldName | 'certificateFile', { label: string; max: number }> = {
  realmSid: { label: 'The Realm SID', max: LIMITS.fieldChars },
  workspaceId: { label: 'The Workspace ID', max: LIMITS.fieldChars },
  issuer: { label: 'The issuer URL', max: LIMITS.fieldChars },
  ssoUrl: { label: 'The SSO URL', max: LIMITS.fieldChars },
  certificate: { label: 'The certificate', max: LIMITS.certificateChars },
  certificateFile: { label: 'The certificateFile path', max: LIMITS.pathChars },
};

/**
 * Why a form state cannot be sent (a sentence for the user: which value is too long, and the bound), or undefined
 * when it fits. Shapes are not checked here: the state comes from our own code on the sending side.
 */
export function formStateProblem(state: FormState): string | undefined {
  for (const [key, { label, max }] of Object.entries(FIELD_LIMITS) as Array<
    [keyof typeof FIELD_LIMITS, typeof FIELD_LIMITS.realmSid]
  >) {
    if (state[key].length > max)
      return `${label} is ${state[key].length.toLocaleString('en')} characters long; the form takes at most ${max.toLocaleString('en')}.`;
  }
  if (state.mappings.length > LIMITS.mappingRows)
    return `There are ${state.mappings.length} attribute mappings; the form takes at most ${LIMITS.mappingRows}.`;
  const row = state.mappings.findIndex((m) =>
    [m.attribute, m.value, m.format].some((s) => s.length > LIMITS.mappingChars),
  );
  if (row >= 0)
    return `Attribute mapping ${row + 1} has a value over ${LIMITS.mappingChars.toLocaleString('en')} characters.`;
  for (const [provider, values] of Object.entries(state.params)) {
    for (const [key, value] of Object.entries(values)) {
      if (value.length > LIMITS.fieldChars)
        return `The ${key} of ${provider} is ${value.length.toLocaleString('en')} characters long; the form takes at most ${LIMITS.fieldChars.toLocaleString('en')}.`;
    }
  }
  return undefined;
}

/** Checks the per-provider params of a form state; a state without any (saved by 0.1.x) has none. */
function checkParams(v: unknown): Checked<Record<string, Record<string, string>>> {
  if (v === undefined) return { ok: true, message: {} };
  if (!isObject(v)) return refuse('state.params is not an object');
  const providers = Object.entries(v);
  if (providers.length > LIMITS.providers) return refuse(`state.params has over ${LIMITS.providers} providers`, true);
  const out: Array<[string, Record<string, string>]> = [];
  for (const [provider, values] of providers) {
    if (!PROVIDER_ID.test(provider)) return refuse('state.params has a key that is not a provider id');
    if (!isObject(values)) return refuse(`state.params.${provider} is not an object`);
    const entries = Object.entries(values);
    if (entries.length > LIMITS.paramsPerProvider)
      return refuse(`state.params.${provider} has over ${LIMITS.paramsPerProvider} params`, true);
    for (const [key, value] of entries) {
      if (!PARAM_KEY.test(key)) return refuse(`state.params.${provider} has a key that is not a param key`);
      if (!isString(value)) return refuse(`state.params.${provider}.${key} is not text`);
      if (value.length > LIMITS.fieldChars)
        return refuse(`state.params.${provider}.${key} is over ${LIMITS.fieldChars} characters`, true);
    }
    // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
    out.push([provider, Object.fromEntries(entries as Array<[string, string]>)]);
  }
  return { ok: true, message: Object.fromEntries(out) };
}

function checkMappingRow(v: unknown, i: number, list = 'state.mappings'): ReturnType<typeof refuse> | undefined {
  if (!isObject(v)) return refuse(`${list}[${i}] is not an object`);
  for (const k of ['attribute', 'value', 'format'] as const) {
    if (!isString(v[k])) return refuse(`${list}[${i}].${k} is not text`);
    if (v[k].length > LIMITS.mappingChars)
      return refuse(`${list}[${i}].${k} is over ${LIMITS.mappingChars} characters`, true);
  }
  return undefined;
}

function isChecklist(v: unknown): v is Checklist {
  return (
    isObject(v) &&
    ['startUrlBlank', 'relayStateBlank', 'sessionOneHour', 'usersAssigned'].every((k) => typeof v[k] === 'boolean')
  );
}

/**
 * Checks a form state's shape and sizes. A state saved by an earlier version is taken as Frontline's: without
 * certificateFile, provider or params, it has no certificate file, the Frontline provider and no params.
 */
export function checkFormState(v: unknown): Checked<FormState> {
  if (!isObject(v)) return refuse('the state is not an object');
  for (const [key, { max }] of Object.entries(FIELD_LIMITS)) {
    const value = key === 'certificateFile' && v[key] === undefined ? '' : v[key];
    if (!isString(value)) return refuse(`state.${key} is not text`);
    if (value.length > max) return refuse(`state.${key} is over ${max} characters`, true);
  }
  if (!Array.isArray(v.mappings)) return refuse('state.mappings is not a list');
  if (v.mappings.length > LIMITS.mappingRows) return refuse(`state.mappings has over ${LIMITS.mappingRows} rows`, true);
  for (const [i, row] of v.mappings.entries()) {
    const problem = checkMappingRow(row, i);
    if (problem) return problem;
  }
  if (!isChecklist(v.checklist)) return refuse('state.checklist is not a checklist');
  const provider = v.provider === undefined ? FRONTLINE_PROVIDER_ID : v.provider;
  if (!isString(provider) || !PROVIDER_ID.test(provider)) return refuse('state.provider is not a provider id');
  const params = checkParams(v.params);
  if (!params.ok) return params;
  const rows = v.mappings as MappingRow[];
  return {
    ok: true,
    message: {
      realmSid: v.realmSid as string,
      workspaceId: v.workspaceId as string,
      issuer: v.issuer as string,
      ssoUrl: v.ssoUrl as string,
      certificate: v.certificate as string,
      certificateFile: (v.certificateFile as string | undefined) ?? '',
      mappings: rows.map((m) => ({ attribute: m.attribute, value: m.value, format: m.format })),
      checklist: {
        startUrlBlank: v.checklist.startUrlBlank,
        relayStateBlank: v.checklist.relayStateBlank,
        sessionOneHour: v.checklist.sessionOneHour,
        usersAssigned: v.checklist.usersAssigned,
      },
      provider,
      params: params.message,
    },
  };
}

export function isFormState(v: unknown): v is FormState {
  return checkFormState(v).ok;
}

/** Checks a message from the webview. */
export function checkToHost(v: unknown): Checked<ToHost> {
  if (!isObject(v) || !isString(v.type)) return refuse('not a message object');
  switch (v.type) {
    case 'ready': {
      if (v.state === undefined) return { ok: true, message: { type: 'ready', state: undefined } };
      const state = checkFormState(v.state);
      return state.ok ? { ok: true, message: { type: 'ready', state: state.message } } : state;
    }
    case 'change': {
      const state = checkFormState(v.state);
      return state.ok ? { ok: true, message: { type: 'change', state: state.message } } : state;
    }
    case 'copy':
      if (!isString(v.text) || !isString(v.label)) return refuse('copy without text or label');
      if (v.text.length > LIMITS.copyChars) return refuse(`copy text is over ${LIMITS.copyChars} characters`, true);
      if (v.label.length > LIMITS.labelChars) return refuse(`copy label is over ${LIMITS.labelChars} characters`, true);
      return { ok: true, message: { type: 'copy', text: v.text, label: v.label } };
    case 'save':
    case 'open':
    case 'importMetadata':
    case 'pickCertificate':
      return { ok: true, message: { type: v.type } };
    default:
      return refuse('unknown message type');
  }
}

/** A message from the webview, or undefined when it is not one of ours (checkToHost says why). */
export function parseToHost(v: unknown): ToHost | undefined {
  const checked = checkToHost(v);
  return checked.ok ? checked.message : undefined;
}

function checkMessages(v: unknown, what: string): string | undefined {
  if (!Array.isArray(v)) return `${what} is not a list`;
  if (v.length > LIMITS.messagesPerList) return `${what} has over ${LIMITS.messagesPerList} entries`;
  if (!v.every((m) => isString(m) && m.length <= LIMITS.messageChars))
    return `${what} has an entry that is not text of at most ${LIMITS.messageChars} characters`;
  return undefined;
}

const LEVELS = ['error', 'warning', 'info', 'ok', 'empty'];

function checkFieldStatus(v: unknown, what: string): string | undefined {
  if (!isObject(v) || !isString(v.level) || !LEVELS.includes(v.level)) return `${what} has no known level`;
  if (
    v.parts !== undefined &&
    !(Array.isArray(v.parts) && v.parts.length <= 3 && v.parts.every((p) => MAPPING_PARTS.includes(p)))
  )
    return `${what}.parts is not a list of mapping parts`;
  return checkMessages(v.messages, `${what}.messages`);
}

const shortText = (v: unknown) => v === undefined || (isString(v) && v.length <= LIMITS.messageChars);

function checkValidation(val: unknown): string | undefined {
  if (!isObject(val)) return 'validation is not an object';
  if (!shortText(val.acsUrl) || !shortText(val.audience)) return 'validation.acsUrl or audience is not short text';
  if (val.provider !== undefined && !(isString(val.provider) && PROVIDER_ID.test(val.provider)))
    return 'validation.provider is not a provider id';
  if (val.params !== undefined) {
    if (!isObject(val.params) || Object.keys(val.params).length > LIMITS.paramsPerProvider)
      return `validation.params is not an object of at most ${LIMITS.paramsPerProvider} params`;
    for (const [key, status] of Object.entries(val.params)) {
      if (!PARAM_KEY.test(key)) return 'validation.params has a key that is not a param key';
      const problem = checkFieldStatus(status, `validation.params.${key}`);
      if (problem) return problem;
    }
  }
  if (!isObject(val.fields)) return 'validation.fields is not an object';
  for (const name of FIELD_NAMES) {
    const problem = checkFieldStatus(val.fields[name], `validation.fields.${name}`);
    if (problem) return problem;
  }
  if (!Array.isArray(val.mappingRows) || val.mappingRows.length > LIMITS.mappingRows)
    return `validation.mappingRows is not a list of at most ${LIMITS.mappingRows}`;
  for (const [i, row] of val.mappingRows.entries()) {
    const problem = checkFieldStatus(row, `validation.mappingRows[${i}]`);
    if (problem) return problem;
  }
  const lists =
    checkMessages(val.general, 'validation.general') ?? checkMessages(val.remaining, 'validation.remaining');
  if (lists) return lists;
  if (typeof val.errors !== 'number' || typeof val.warnings !== 'number') return 'validation counts are not numbers';
  if (val.live !== undefined) {
    const live = checkFieldStatus(val.live, 'validation.live');
    if (live) return live;
  }
  const cert = val.certificate;
  if (
    cert !== undefined &&
    !(
      isObject(cert) &&
      ['subject', 'notAfter', 'status', 'sha1', 'sha256'].every((k) => shortText(cert[k]) && isString(cert[k]))
    )
  )
    return 'validation.certificate is not a certificate summary';
  return undefined;
}

const STATUSES = ['current', 'legacy', 'deprecated'];

function checkProviderParam(v: unknown, what: string): string | undefined {
  if (!isObject(v) || !isString(v.key) || !PARAM_KEY.test(v.key)) return `${what}.key is not a param key`;
  if (!['label', 'example', 'where'].every((k) => isString(v[k]) && shortText(v[k])))
    return `${what} has no label, example or where of at most ${LIMITS.messageChars} characters`;
  if (!shortText(v.default)) return `${what}.default is not short text`;
  return undefined;
}

/** Checks the provider list the host sends: shape and bounds of every entry. */
function checkProviders(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length === 0 || v.length > LIMITS.providers)
    return `providers is not a list of 1 to ${LIMITS.providers}`;
  for (const [i, p] of v.entries()) {
    const what = `providers[${i}]`;
    if (!isObject(p) || !isString(p.id) || !PROVIDER_ID.test(p.id)) return `${what}.id is not a provider id`;
    if (!isString(p.vendor) || !isString(p.product) || !shortText(p.vendor) || !shortText(p.product))
      return `${what} has no vendor or product`;
    if (!isString(p.status) || !STATUSES.includes(p.status)) return `${what}.status is unknown`;
    if (![p.statusMessage, p.replacement, p.guide, p.nameIdFormat].every(shortText))
      return `${what} has a status, replacement, guide or NameID format that is not short text`;
    if (!Array.isArray(p.params) || p.params.length > LIMITS.paramsPerProvider)
      return `${what}.params is not a list of at most ${LIMITS.paramsPerProvider}`;
    for (const [j, param] of p.params.entries()) {
      const problem = checkProviderParam(param, `${what}.params[${j}]`);
      if (problem) return problem;
    }
    if (!Array.isArray(p.mappings) || p.mappings.length > LIMITS.mappingRows)
      return `${what}.mappings is not a list of at most ${LIMITS.mappingRows}`;
    for (const [j, row] of p.mappings.entries()) {
      const problem = checkMappingRow(row, j, `${what}.mappings`);
      if (problem) return problem.reason;
    }
  }
  return undefined;
}

/** Checks a message from the host. */
export function checkToWebview(v: unknown): Checked<ToWebview> {
  if (!isObject(v) || !isString(v.type)) return refuse('not a message object');
  switch (v.type) {
    case 'state': {
      const state = checkFormState(v.state);
      if (!state.ok) return state;
      if (!shortText(v.source)) return refuse('state.source is not short text');
      return { ok: true, message: { type: 'state', state: state.message, source: v.source as string | undefined } };
    }
    case 'validation': {
      const problem = checkValidation(v.validation);
      return problem
        ? refuse(problem)
        : { ok: true, message: { type: 'validation', validation: v.validation as FormValidation } };
    }
    case 'providers': {
      const problem = checkProviders(v.providers);
      return problem
        ? refuse(problem)
        : { ok: true, message: { type: 'providers', providers: v.providers as ProviderSummary[] } };
    }
    case 'notice':
      if (v.level !== 'error' && v.level !== 'warning' && v.level !== 'info') return refuse('notice level unknown');
      if (!isString(v.message) || v.message.length > LIMITS.messageChars)
        return refuse(`notice is not text of at most ${LIMITS.messageChars} characters`);
      return { ok: true, message: { type: 'notice', level: v.level, message: v.message } };
    default:
      return refuse('unknown message type');
  }
}

/** A message from the host, or undefined when it is not one of ours (checkToWebview says why). */
export function parseToWebview(v: unknown): ToWebview | undefined {
  const checked = checkToWebview(v);
  return checked.ok ? checked.message : undefined;
}

const sameRows = (a: readonly MappingRow[], b: readonly MappingRow[]) =>
  a.length === b.length &&
  a.every((r, i) => r.attribute === b[i]?.attribute && r.value === b[i]?.value && r.format === b[i]?.format);

/**
 * The attribute mappings after switching providers (the page's picker and the host's recognition of a pasted URL
 * both switch): the new provider's suggested rows when the form still has the old provider's suggested rows or none,
 * otherwise the rows as the user edited them.
 */
export function mappingsAfterSwitch(
  mappings: readonly MappingRow[],
  from: ProviderSummary | undefined,
  to: ProviderSummary | undefined,
): MappingRow[] {
  const untouched = mappings.length === 0 || (from !== undefined && sameRows(mappings, from.mappings));
  return (untouched && to ? to.mappings : mappings).map((m) => ({ ...m }));
}

export const EMPTY_CHECKLIST: Checklist = {
  startUrlBlank: false,
  relayStateBlank: false,
  sessionOneHour: false,
  usersAssigned: false,
};
