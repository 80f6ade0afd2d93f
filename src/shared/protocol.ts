/**
 * The configurator's host ⇄ webview messages: one module imported by both sides (no vscode, no DOM). Every message
 * is checked on receipt with the parse functions below; anything else is ignored and logged.
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
  /** PEM text as pasted, dropped or picked. */
  certificate: string;
  mappings: MappingRow[];
  checklist: Checklist;
}

export type FieldName = 'realmSid' | 'workspaceId' | 'issuer' | 'ssoUrl' | 'certificate';

export interface FieldStatus {
  level: FindingLevel | 'ok' | 'empty';
  messages: string[];
}

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const MAX_TEXT = 1024 * 1024;

function isMappingRow(v: unknown): v is MappingRow {
  return isObject(v) && isString(v.attribute) && isString(v.value) && isString(v.format);
}

function isChecklist(v: unknown): v is Checklist {
  return (
    isObject(v) &&
    ['startUrlBlank', 'relayStateBlank', 'sessionOneHour', 'usersAssigned'].every((k) => typeof v[k] === 'boolean')
  );
}

export function isFormState(v: unknown): v is FormState {
  return (
    isObject(v) &&
    ['realmSid', 'workspaceId', 'issuer', 'ssoUrl', 'certificate'].every(
      (k) => isString(v[k]) && (v[k] as string).length <= MAX_TEXT,
    ) &&
    Array.isArray(v.mappings) &&
    v.mappings.length <= 100 &&
    v.mappings.every(isMappingRow) &&
    isChecklist(v.checklist)
  );
}

/** Validates a message from the webview; undefined when it is not one of ours. */
export function parseToHost(v: unknown): ToHost | undefined {
  if (!isObject(v) || !isString(v.type)) return undefined;
  switch (v.type) {
    case 'ready':
      return v.state === undefined || isFormState(v.state)
        ? { type: 'ready', state: v.state as FormState | undefined }
        : undefined;
    case 'change':
      return isFormState(v.state) ? { type: 'change', state: v.state } : undefined;
    case 'copy':
      return isString(v.text) && isString(v.label) && v.text.length <= MAX_TEXT
        ? { type: 'copy', text: v.text, label: v.label }
        : undefined;
    case 'save':
    case 'open':
    case 'importMetadata':
    case 'pickCertificate':
      return { type: v.type };
    default:
      return undefined;
  }
}

function isFieldStatus(v: unknown): v is FieldStatus {
  return isObject(v) && isString(v.level) && Array.isArray(v.messages) && v.messages.every(isString);
}

/** Validates a message from the host; undefined when it is not one of ours. */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isObject(v) || !isString(v.type)) return undefined;
  switch (v.type) {
    case 'state':
      return isFormState(v.state)
        ? { type: 'state', state: v.state, source: isString(v.source) ? v.source : undefined }
        : undefined;
    case 'validation': {
      const val = v.validation;
      if (
        !isObject(val) ||
        !isObject(val.fields) ||
        !Array.isArray(val.mappingRows) ||
        !val.mappingRows.every(isFieldStatus) ||
        !Object.values(val.fields).every(isFieldStatus) ||
        !Array.isArray(val.remaining) ||
        !Array.isArray(val.general)
      )
        return undefined;
      return { type: 'validation', validation: val as unknown as FormValidation };
    }
    case 'notice':
      return (v.level === 'error' || v.level === 'warning' || v.level === 'info') && isString(v.message)
        ? { type: 'notice', level: v.level, message: v.message }
        : undefined;
    default:
      return undefined;
  }
}

export const EMPTY_CHECKLIST: Checklist = {
  startUrlBlank: false,
  relayStateBlank: false,
  sessionOneHour: false,
  usersAssigned: false,
};
