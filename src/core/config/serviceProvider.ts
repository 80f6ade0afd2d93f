/**
 * The one reader of a config's `serviceProvider` section (docs/configuration.md): its id, params, ACS URL and audience,
 * with the JSON nodes they come from. The linter points its findings at the nodes; readConfig (the CLI's
 * `saml --config`, Decode SAML Response, drift, readiness) takes the plain values. One place knows the shape, so the
 * two cannot read a config differently.
 */
import { Node, child, stringValue } from '../lint/jsonNodes';

/** A member of the section: its value node, and the value when it is a string. */
export interface StringField {
  node: Node;
  /** Undefined when the value is not a string (the linter reports the type). */
  value?: string;
}

/** One entry of `serviceProvider.params`, in file order (a duplicated key appears once per occurrence). */
export interface ParamEntry {
  key: string;
  keyNode: Node;
  valueNode: Node;
  /** Undefined when the value is not a string. */
  value?: string;
}

export interface ServiceProviderSection {
  /** The `serviceProvider` value node, when it is an object. */
  node?: Node;
  /** `serviceProvider.id`, when present. */
  id?: StringField;
  /** The `params` value node, of whatever type. */
  paramsNode?: Node;
  /** The entries of `params`, when it is an object. */
  params: ParamEntry[];
  acsUrl?: StringField;
  audience?: StringField;
}

/** The id a config without `serviceProvider.id` has (Frontline's, as every config before providers). */
const FRONTLINE_ID = 'twilio-frontline';
/** The built-in provider whose params are its ACS URL and audience themselves. */
const CUSTOM_ID = 'custom';

function field(node: Node | undefined): StringField | undefined {
  return node ? { node, value: stringValue(node) } : undefined;
}

/** Reads the `serviceProvider` section of a config's root node (any node, or none). */
export function readServiceProvider(root: Node | undefined): ServiceProviderSection {
  const section = child(root, 'serviceProvider');
  const node = section?.type === 'object' ? section : undefined;
  const paramsNode = child(node, 'params');
  const params: ParamEntry[] = [];
  if (paramsNode?.type === 'object') {
    for (const prop of paramsNode.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
      params.push({ key: keyNode.value, keyNode, valueNode, value: stringValue(valueNode) });
    }
  }
  return {
    node,
    id: field(child(node, 'id')),
    paramsNode,
    params,
    acsUrl: field(child(node, 'acsUrl')),
    audience: field(child(node, 'audience')),
  };
}

/** Whether the section is Frontline's: no id, or Frontline's own. A non-string id names no provider. */
export function isFrontline(section: ServiceProviderSection): boolean {
  return section.id === undefined || section.id.value === FRONTLINE_ID;
}

/**
 * The value node of a param: `params[key]` (the last one when duplicated, as JSON.parse reads it); for `custom`, whose
 * params are its ACS URL and audience, `serviceProvider.acsUrl`/`audience` beside `params` count too.
 */
export function paramNode(section: ServiceProviderSection, key: string): Node | undefined {
  const own = child(section.paramsNode, key);
  if (own) return own;
  if (section.id?.value !== CUSTOM_ID) return undefined;
  return key === 'acsUrl' ? section.acsUrl?.node : key === 'audience' ? section.audience?.node : undefined;
}

/**
 * A provider's params as plain strings: the string values of `params`, and for `custom` its ACS URL and audience
 * beside them (a value in `params` wins). Only custom's ACS URL and audience are params; for any other provider they
 * are overrides the linter compares.
 */
export function plainParams(section: ServiceProviderSection): Record<string, string> {
  const params: Record<string, string> = {};
  if (section.id?.value === CUSTOM_ID)
    for (const key of ['acsUrl', 'audience'] as const) {
      const value = section[key]?.value;
      if (value !== undefined) params[key] = value;
    }
  // The last occurrence of a key is its value, as JSON.parse reads it; only string values are params.
  const last = new Map(section.params.map((entry) => [entry.key, entry.value]));
  for (const [key, value] of last) if (value !== undefined) params[key] = value;
  return params;
}

/**
 * Frontline's Realm SID: the top-level `realmSid`, and `serviceProvider.params.realmSid` (the provider form of the same
 * param). Either counts; the linter reports when both are given and differ.
 */
export function realmSidNodes(root: Node | undefined, section: ServiceProviderSection): { top?: Node; param?: Node } {
  return {
    top: child(root, 'realmSid'),
    param: isFrontline(section) ? child(section.paramsNode, 'realmSid') : undefined,
  };
}
