import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { decodeCertificates, validityText } from '../core/certificates/certificates';
import { Finding, isInputError } from '../core/common/findings';
import { lintText } from '../core/lint';
import { Node, child, parseJsonc, stringValue } from '../core/lint/jsonNodes';
import { LoadedFiles } from '../core/common/loadedFile';
import { RECOMMENDED_MAPPINGS } from '../core/config/mappings';
import { checkRealmSid, frontlineValues } from '../core/values/realm';
import {
  EMPTY_CHECKLIST,
  FieldName,
  FieldStatus,
  FormState,
  FormValidation,
  LIMITS,
  MappingPart,
  clip,
} from './webview/protocol';

/** The configurator's logic: the form is checked by linting the config it would save (one source of truth). */
export function emptyFormState(): FormState {
  return {
    realmSid: '',
    workspaceId: '',
    issuer: '',
    ssoUrl: '',
    certificate: '',
    certificateFile: '',
    mappings: RECOMMENDED_MAPPINGS.map((m) => ({ ...m })),
    checklist: { ...EMPTY_CHECKLIST },
  };
}

/** The config object the form stands for (docs/configuration.md). */
export function configFromForm(state: FormState): Record<string, unknown> {
  const sid = checkRealmSid(state.realmSid).sid;
  const values = sid ? frontlineValues(sid) : undefined;
  return {
    realmSid: sid ?? state.realmSid.trim(),
    workspaceId: state.workspaceId.trim(),
    ...(values ? { serviceProvider: { acsUrl: values.acsUrl, audience: values.audience } } : {}),
    identityProvider: {
      issuer: state.issuer.trim(),
      ssoUrl: state.ssoUrl.trim(),
      // A pasted certificate replaces the file reference; otherwise the reference is kept as it was.
      ...(state.certificate.trim()
        ? { certificate: state.certificate.trim() + '\n' }
        : state.certificateFile
          ? { certificateFile: state.certificateFile }
          : {}),
    },
    attributeMappings: state.mappings.map((m) => ({ attribute: m.attribute, value: m.value, format: m.format })),
  };
}

/**
 * Reads a config file's values into the form. A `certificateFile` stays a reference: the file's text never enters the
 * form (the page shows the decoded summary that validateForm makes from the file the host read).
 */
export function formFromConfig(text: string): FormState {
  const { root } = parseJsonc(text);
  const state = emptyFormState();
  if (!root || root.type !== 'object') return state;
  // The same reading as the linter's: with a duplicate key, the last one wins (as JSON.parse reads it).
  const str = (path: string[]) =>
    stringValue(path.reduce<Node | undefined>((node, key) => child(node, key), root)) ?? '';
  state.realmSid = str(['realmSid']);
  state.workspaceId = str(['workspaceId']);
  state.issuer = str(['identityProvider', 'issuer']);
  state.ssoUrl = str(['identityProvider', 'ssoUrl']);
  state.certificate = str(['identityProvider', 'certificate']);
  state.certificateFile = str(['identityProvider', 'certificateFile']);
  const mappingsNode = child(root, 'attributeMappings');
  if (mappingsNode?.type === 'array') {
    state.mappings = (mappingsNode.children ?? [])
      .filter((n) => n.type === 'object')
      .map((n) => {
        const get = (k: string) => stringValue(child(n, k)) ?? '';
        return { attribute: get('attribute'), value: get('value'), format: get('format') };
      });
  }
  return state;
}

const FIELD_PATHS: Record<string, FieldName> = {
  realmSid: 'realmSid',
  workspaceId: 'workspaceId',
  'identityProvider.issuer': 'issuer',
  'identityProvider.ssoUrl': 'ssoUrl',
  'identityProvider.certificate': 'certificate',
  'identityProvider.certificateFile': 'certificate',
};

/** What the user has entered for a field (the certificate is there when pasted or named by a file). */
const entered = (state: FormState, field: FieldName) =>
  field === 'certificate' ? (state.certificate.trim() || state.certificateFile).trim() : state[field].trim();

function worse(status: FieldStatus, f: Finding): void {
  const order = ['ok', 'empty', 'info', 'warning', 'error'];
  if (order.indexOf(f.severity) > order.indexOf(status.level)) status.level = f.severity;
  if (status.messages.length < LIMITS.messagesPerList) status.messages.push(clip(f.message));
}

/**
 * Checks the form by linting the config it would save. `files` holds the certificate file the config names, read by
 * the host; without it a certificateFile is not checked.
 */
export function validateForm(state: FormState, now: Date = new Date(), files?: LoadedFiles): FormValidation {
  const text = JSON.stringify(configFromForm(state), null, 2);
  const findings = lintText(text, { kind: 'config', now, files });
  const { root } = parseJsonc(text);
  const fields = Object.fromEntries(
    Object.values(FIELD_PATHS).map((f) => [
      f,
      { level: entered(state, f) ? 'ok' : 'empty', messages: [] } as FieldStatus,
    ]),
  ) as Record<FieldName, FieldStatus>;
  const mappingRows: FieldStatus[] = state.mappings.map(() => ({ level: 'ok', messages: [] }));
  const general: string[] = [];
  for (const f of findings) {
    // Findings about empty fields are shown as "to do", not as errors under a field the user has not reached yet.
    const node = root && f.span ? findNodeAtOffset(root, f.span.offset, true) : undefined;
    const path = node ? getNodePath(node) : [];
    const field = FIELD_PATHS[path.filter((p) => typeof p === 'string').join('.')];
    if (field) {
      if (!entered(state, field) && f.severity === 'error') continue;
      worse(fields[field], f);
    } else if (path[0] === 'attributeMappings' && typeof path[1] === 'number' && mappingRows[path[1]]) {
      const row = mappingRows[path[1]] as FieldStatus;
      worse(row, f);
      const part = path[2];
      if (f.severity === 'error' && (part === 'attribute' || part === 'value' || part === 'format'))
        row.parts = [...new Set<MappingPart>([...(row.parts ?? []), part])];
    } else if (f.code === 'cert-missing' || /^idp-(issuer|ssoUrl)-missing$/.test(f.code)) {
      // Reported as remaining work below.
    } else if (f.code !== 'workspace-id-missing' && general.length < LIMITS.messagesPerList) {
      general.push(clip(f.message));
    }
  }
  const sid = checkRealmSid(state.realmSid).sid;
  const values = sid ? frontlineValues(sid) : undefined;
  let certificate: FormValidation['certificate'];
  const fromFile = state.certificateFile ? files?.get(state.certificateFile) : undefined;
  const source = state.certificate.trim() ? state.certificate : fromFile?.ok ? fromFile.bytes : undefined;
  if (source !== undefined) {
    try {
      const [c] = decodeCertificates(source, now);
      if (c)
        certificate = {
          subject: clip(c.subject),
          notAfter: c.notAfter,
          status: clip(validityText(c, now)),
          sha1: c.sha1,
          sha256: c.sha256,
        };
    } catch (err) {
      if (!isInputError(err)) throw err;
    }
  }
  const remaining: string[] = [];
  if (!sid) remaining.push('Enter the Realm SID from the Frontline Console SSO page.');
  const c = state.checklist;
  if (!(c.startUrlBlank && c.relayStateBlank && c.sessionOneHour))
    remaining.push('Check the application properties in AWS (start URL and relay state blank, session 1 hour).');
  if (mappingRows.some((r) => r.level === 'error') || general.length > 0) remaining.push('Fix the attribute mappings.');
  if (!c.usersAssigned) remaining.push('Assign users or groups to the application in AWS.');
  if (!state.issuer.trim() || !state.ssoUrl.trim())
    remaining.push('Paste the issuer URL and sign-in URL from AWS, or import the metadata XML.');
  if (!entered(state, 'certificate'))
    remaining.push('Add the AWS certificate (paste, drop a file, or import the metadata XML).');
  if (!state.workspaceId.trim()) remaining.push('Choose the Workspace ID users will type in the Frontline app.');
  const statuses = [...Object.values(fields), ...mappingRows];
  return {
    acsUrl: values?.acsUrl,
    audience: values?.audience,
    fields,
    certificate,
    mappingRows,
    general,
    remaining,
    errors: statuses.filter((s) => s.level === 'error').length + general.length,
    warnings: statuses.filter((s) => s.level === 'warning').length,
  };
}
