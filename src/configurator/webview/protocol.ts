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
  acsUrl?: string;
  audience?: string;
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
} as const;

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
  return undefined;
}

function checkMappingRow(v: unknown, i: number): ReturnType<typeof refuse> | undefined {
  if (!isObject(v)) return refuse(`state.mappings[${i}] is not an object`);
  for (const k of ['attribute', 'value', 'format'] as const) {
    if (!isString(v[k])) return refuse(`state.mappings[${i}].${k} is not text`);
    if (v[k].length > LIMITS.mappingChars)
      return refuse(`state.mappings[${i}].${k} is over ${LIMITS.mappingChars} characters`, true);
  }
  return undefined;
}

function isChecklist(v: unknown): v is Checklist {
  return (
    isObject(v) &&
    ['startUrlBlank', 'relayStateBlank', 'sessionOneHour', 'usersAssigned'].every((k) => typeof v[k] === 'boolean')
  );
}

/** Checks a form state's shape and sizes; a state saved by 0.1.0 (no certificateFile) is taken with none. */
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

export const EMPTY_CHECKLIST: Checklist = {
  startUrlBlank: false,
  relayStateBlank: false,
  sessionOneHour: false,
  usersAssigned: false,
};
