import { findNodeAtOffset, getNodePath } from 'jsonc-parser';
import { decodeCertificates, validityText } from '../core/certificates/certificates';
import { Finding, isInputError } from '../core/common/findings';
import { lintText } from '../core/lint';
import { Node, child, parseJsonc, stringValue } from '../core/lint/jsonNodes';
import { LoadedFiles } from '../core/common/loadedFile';
import { RECOMMENDED_MAPPINGS } from '../core/config/mappings';
import { checkRealmSid, frontlineValues } from '../core/values/realm';
import {
  BUILTIN_PROVIDERS,
  ProviderDefinition,
  findProvider,
  mappingRows,
  providerValues,
  recogniseProvider,
} from '../core/providers';
import {
  EMPTY_CHECKLIST,
  FRONTLINE_PROVIDER_ID,
  FieldName,
  FieldStatus,
  FormState,
  FormValidation,
  LIMITS,
  MappingPart,
  ProviderSummary,
  clip,
  mappingsAfterSwitch,
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
    provider: FRONTLINE_PROVIDER_ID,
    params: {},
  };
}

/**
 * The built-in providers as the page's picker lists them, from the provider data. Frontline's mappings are the
 * guide's recommended ones, which the form has always suggested.
 */
export function providerSummaries(): ProviderSummary[] {
  return BUILTIN_PROVIDERS.map((p) => ({
    id: p.id,
    vendor: p.vendor,
    product: p.product,
    status: p.status,
    ...(p.statusDetails
      ? {
          statusMessage: clip(p.statusDetails.message),
          ...(p.statusDetails.replacement ? { replacement: p.statusDetails.replacement } : {}),
          ...(p.statusDetails.guide ? { guide: p.statusDetails.guide } : {}),
        }
      : {}),
    params: p.params.map((param) => ({
      key: param.key,
      label: param.label,
      example: param.example,
      where: clip(param.where),
      ...(param.default !== undefined ? { default: param.default } : {}),
    })),
    ...(p.nameId?.formats[0] ? { nameIdFormat: p.nameId.formats[0] } : {}),
    mappings: (p.id === FRONTLINE_PROVIDER_ID ? RECOMMENDED_MAPPINGS : mappingRows(p)).map((m) => ({ ...m })),
  }));
}

/** What a pasted URL turned out to be: the form with the provider and params it names, and what to tell the user. */
export interface Recognition {
  state: FormState;
  message: string;
}

/**
 * Recognises an ACS URL or audience pasted into the Realm SID or a param field (the registry's recognition, as the
 * CLI's): the form switches to the provider it belongs to, and the values taken out of it replace the URL. Only a value
 * that changed since `previous` is looked at. `custom` is left alone: its fields take any application's URLs.
 */
export function recogniseInForm(state: FormState, previous?: FormState): Recognition | undefined {
  const current = state.provider;
  if (current === 'custom') return undefined;
  const fields =
    current === FRONTLINE_PROVIDER_ID
      ? [{ key: undefined, value: state.realmSid, before: previous?.realmSid }]
      : Object.entries(state.params[current] ?? {}).map(([key, value]) => ({
          key,
          value,
          before: previous?.params[current]?.[key],
        }));
  for (const { key, value, before } of fields) {
    if (value === before || !/[:/]/.test(value)) continue;
    const recognised = recogniseProvider(value);
    // A Frontline URL in the Realm SID field is read by the Realm SID check itself, as it always was.
    if (!recognised || (recognised.provider.id === current && current === FRONTLINE_PROVIDER_ID)) continue;
    const target = recognised.provider;
    const next: FormState = { ...state, params: { ...state.params } };
    // The pasted URL leaves the field it was pasted into; the values taken out of it take its place.
    if (key === undefined) next.realmSid = '';
    else next.params[current] = { ...next.params[current], [key]: '' };
    if (target.id === FRONTLINE_PROVIDER_ID) next.realmSid = recognised.params.realmSid ?? '';
    else next.params[target.id] = { ...next.params[target.id], ...recognised.params };
    next.provider = target.id;
    const summaries = providerSummaries();
    next.mappings = mappingsAfterSwitch(
      state.mappings,
      summaries.find((p) => p.id === current),
      summaries.find((p) => p.id === target.id),
    );
    const what = { acsUrl: 'ACS URL', audience: 'SAML audience', oldForm: 'older URL' }[recognised.field];
    const filled = target.params.filter((p) => recognised.params[p.key] !== undefined).map((p) => p.label);
    const notes = recognised.findings.map((f) => ` ${f.message}`).join('');
    return {
      state: next,
      message: clip(
        `That is the ${what} of ${target.vendor} ${target.product} (${target.id}): the form is set to it, with the ${filled.join(' and ')} filled in.${notes}`,
      ),
    };
  }
  return undefined;
}

/** The built-in provider other than Frontline that the form is set to, if any. */
export function chosenProvider(state: FormState): ProviderDefinition | undefined {
  return state.provider === FRONTLINE_PROVIDER_ID ? undefined : findProvider(state.provider);
}

/** The params the user entered for a provider, trimmed; empty ones are left out (a default then applies). */
function enteredParams(state: FormState, definition: ProviderDefinition): Record<string, string> {
  const entered = state.params[definition.id] ?? {};
  const out: Record<string, string> = {};
  for (const p of definition.params) {
    const value = Object.prototype.hasOwnProperty.call(entered, p.key) ? entered[p.key]?.trim() : undefined;
    if (value) out[p.key] = value;
  }
  return out;
}

/**
 * The config object the form stands for (docs/configuration.md). Frontline's is the same as before providers
 * existed; another provider's names it in `serviceProvider: { id, params }` and has no Realm SID or Workspace ID.
 */
export function configFromForm(state: FormState): Record<string, unknown> {
  const definition = chosenProvider(state);
  const sid = definition ? undefined : checkRealmSid(state.realmSid).sid;
  const values = sid ? frontlineValues(sid) : undefined;
  return {
    ...(definition
      ? { serviceProvider: { id: definition.id, params: enteredParams(state, definition) } }
      : {
          realmSid: sid ?? state.realmSid.trim(),
          workspaceId: state.workspaceId.trim(),
          ...(values ? { serviceProvider: { acsUrl: values.acsUrl, audience: values.audience } } : {}),
        }),
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
  const section = child(root, 'serviceProvider');
  const id = stringValue(child(section, 'id'));
  if (id !== undefined && id !== FRONTLINE_PROVIDER_ID) {
    // An id the form does not know is kept, and the host refuses to load the file (see unknownProviderProblem).
    state.provider = id;
    const definition = findProvider(id);
    const params = child(section, 'params');
    // Only the provider's own params: the linter reports any other key in the editor.
    const entries = (definition?.params ?? []).flatMap((p) => {
      // custom's params are the ACS URL and audience, which a config may hold in serviceProvider itself.
      const value =
        stringValue(child(params, p.key)) ?? (id === 'custom' ? stringValue(child(section, p.key)) : undefined);
      return value === undefined ? [] : [[p.key, value] as [string, string]];
    });
    state.params = definition ? { [id]: Object.fromEntries(entries) } : {};
  }
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

/**
 * Why the form cannot show a config's provider (a sentence for the user), or undefined when it can: the form knows
 * the built-in providers only, and saving another provider's config from it would lose that provider's values.
 */
export function unknownProviderProblem(state: FormState): string | undefined {
  if (state.provider === FRONTLINE_PROVIDER_ID || findProvider(state.provider)) return undefined;
  const shown = state.provider.length > 64 ? `${state.provider.slice(0, 64)}…` : state.provider;
  return `Its service provider "${shown}" is not one of the built-in providers the configurator sets up (${BUILTIN_PROVIDERS.map((p) => p.id).join(', ')}).`;
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
  const definition = chosenProvider(state);
  const typed = definition ? enteredParams(state, definition) : {};
  const text = JSON.stringify(configFromForm(state), null, 2);
  const findings = lintText(text, { kind: 'config', now, files });
  const { root } = parseJsonc(text);
  const fields = Object.fromEntries(
    Object.values(FIELD_PATHS).map((f) => [
      f,
      { level: entered(state, f) ? 'ok' : 'empty', messages: [] } as FieldStatus,
    ]),
  ) as Record<FieldName, FieldStatus>;
  const params: Record<string, FieldStatus> | undefined = definition
    ? Object.fromEntries(
        definition.params.map((p) => [p.key, { level: typed[p.key] ? 'ok' : 'empty', messages: [] } as FieldStatus]),
      )
    : undefined;
  const mappingRows: FieldStatus[] = state.mappings.map(() => ({ level: 'ok', messages: [] }));
  const general: string[] = [];
  for (const f of findings) {
    // Findings about empty fields are shown as "to do", not as errors under a field the user has not reached yet.
    const node = root && f.span ? findNodeAtOffset(root, f.span.offset, true) : undefined;
    const path = node ? getNodePath(node) : [];
    const field = FIELD_PATHS[path.filter((p) => typeof p === 'string').join('.')];
    const param = path[0] === 'serviceProvider' && path[1] === 'params' ? String(path[2]) : undefined;
    if (field) {
      if (!entered(state, field) && f.severity === 'error') continue;
      worse(fields[field], f);
    } else if (params && param !== undefined && Object.prototype.hasOwnProperty.call(params, param)) {
      worse(params[param] as FieldStatus, f);
    } else if (f.code === 'provider-param-missing' || f.code === 'provider-deprecated') {
      // A missing param is listed under "What is left"; the picker shows the status from the provider data.
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
  const sid = definition ? undefined : checkRealmSid(state.realmSid).sid;
  const generated = definition ? providerValues(definition, typed) : undefined;
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
  if (definition) {
    for (const p of definition.params)
      if (generated?.params[p.key] === undefined) remaining.push(clip(`Enter the ${p.label}: ${p.where}`));
  } else if (!sid) remaining.push('Enter the Realm SID from the Frontline Console SSO page.');
  const c = state.checklist;
  // The application properties are the Frontline guide's; other providers' data names none.
  if (!definition && !(c.startUrlBlank && c.relayStateBlank && c.sessionOneHour))
    remaining.push('Check the application properties in AWS (start URL and relay state blank, session 1 hour).');
  if (mappingRows.some((r) => r.level === 'error') || general.length > 0) remaining.push('Fix the attribute mappings.');
  if (!c.usersAssigned) remaining.push('Assign users or groups to the application in AWS.');
  if (!state.issuer.trim() || !state.ssoUrl.trim())
    remaining.push('Paste the issuer URL and sign-in URL from AWS, or import the metadata XML.');
  if (!entered(state, 'certificate'))
    remaining.push('Add the AWS certificate (paste, drop a file, or import the metadata XML).');
  if (!definition && !state.workspaceId.trim())
    remaining.push('Choose the Workspace ID users will type in the Frontline app.');
  const statuses = [...Object.values(fields), ...Object.values(params ?? {}), ...mappingRows];
  return {
    provider: state.provider,
    acsUrl: generated ? (generated.acsUrl ?? undefined) : values?.acsUrl,
    audience: generated ? (generated.audience ?? undefined) : values?.audience,
    ...(params ? { params } : {}),
    fields,
    certificate,
    mappingRows,
    general,
    remaining,
    errors: statuses.filter((s) => s.level === 'error').length + general.length,
    warnings: statuses.filter((s) => s.level === 'warning').length,
  };
}
