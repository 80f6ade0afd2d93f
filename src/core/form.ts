import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { decodeCertificates, validityText } from './certificates';
import { Finding, isInputError } from './findings';
import { lintText } from './lint';
import { parseJsonc } from './lint/jsonNodes';
import { RECOMMENDED_MAPPINGS } from './mappings';
import { checkRealmSid, frontlineValues } from './realm';
import { EMPTY_CHECKLIST, FieldName, FieldStatus, FormState, FormValidation } from '../shared/protocol';

/** The configurator's logic: the form is checked by linting the config it would save (one source of truth). */
export function emptyFormState(): FormState {
  return {
    realmSid: '',
    workspaceId: '',
    issuer: '',
    ssoUrl: '',
    certificate: '',
    mappings: RECOMMENDED_MAPPINGS.map((m) => ({ ...m })),
    checklist: { ...EMPTY_CHECKLIST },
  };
}

/** The config object the form stands for (README, "Config files and linting"). */
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
      ...(state.certificate.trim() ? { certificate: state.certificate.trim() + '\n' } : {}),
    },
    attributeMappings: state.mappings.map((m) => ({ attribute: m.attribute, value: m.value, format: m.format })),
  };
}

/** Reads a config file's values into the form; the certificate comes from `certificateText` when the file names one. */
export function formFromConfig(text: string, certificateText?: string): FormState {
  const { root } = parseJsonc(text);
  const state = emptyFormState();
  if (!root || root.type !== 'object') return state;
  const value = (path: (string | number)[]): unknown => {
    let node: typeof root | undefined = root;
    for (const key of path)
      node = node?.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === key)?.children?.[1];
    return node?.value;
  };
  const str = (path: string[]) => (typeof value(path) === 'string' ? (value(path) as string) : '');
  state.realmSid = str(['realmSid']);
  state.workspaceId = str(['workspaceId']);
  state.issuer = str(['identityProvider', 'issuer']);
  state.ssoUrl = str(['identityProvider', 'ssoUrl']);
  state.certificate = str(['identityProvider', 'certificate']) || certificateText || '';
  const mappingsNode = root.children?.find((c) => c.children?.[0]?.value === 'attributeMappings')?.children?.[1];
  if (mappingsNode?.type === 'array') {
    state.mappings = (mappingsNode.children ?? [])
      .filter((n) => n.type === 'object')
      .map((n) => {
        const get = (k: string) => {
          const v = n.children?.find((c) => c.children?.[0]?.value === k)?.children?.[1]?.value;
          return typeof v === 'string' ? v : '';
        };
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
};

function worse(status: FieldStatus, f: Finding): void {
  const order = ['ok', 'empty', 'info', 'warning', 'error'];
  if (order.indexOf(f.severity) > order.indexOf(status.level)) status.level = f.severity;
  status.messages.push(f.message);
}

export function validateForm(state: FormState, now: Date = new Date()): FormValidation {
  const text = JSON.stringify(configFromForm(state), null, 2);
  const findings = lintText(text, { kind: 'config', now });
  const { root } = parseJsonc(text);
  const fields = Object.fromEntries(
    Object.values(FIELD_PATHS).map((f) => [
      f,
      { level: state[f].trim() ? 'ok' : 'empty', messages: [] } as FieldStatus,
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
      if (state[field].trim() === '' && f.severity === 'error') continue;
      worse(fields[field], f);
    } else if (path[0] === 'attributeMappings' && typeof path[1] === 'number' && mappingRows[path[1]]) {
      worse(mappingRows[path[1]] as FieldStatus, f);
    } else if (f.code === 'cert-missing' || /^idp-(issuer|ssoUrl)-missing$/.test(f.code)) {
      // Reported as remaining work below.
    } else if (f.code !== 'workspace-id-missing') {
      general.push(f.message);
    }
  }
  const sid = checkRealmSid(state.realmSid).sid;
  const values = sid ? frontlineValues(sid) : undefined;
  let certificate: FormValidation['certificate'];
  if (state.certificate.trim()) {
    try {
      const [c] = decodeCertificates(state.certificate, now);
      if (c)
        certificate = {
          subject: c.subject,
          notAfter: c.notAfter,
          status: validityText(c, now),
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
  if (!state.certificate.trim())
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
