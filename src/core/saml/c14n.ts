import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
} from './xmlCrypto/canonicalization';

/**
 * XML canonicalisation for signature checks, with xml-crypto's algorithms and two additions that keep hostile input
 * cheap: the namespace declarations a canonical form repeats (exclusive c14n re-declares a prefix on every element
 * that uses it when no output ancestor does, so one declaration can be copied onto 40,000 elements) are counted
 * while canonicalising and stop it at a cap; and the enveloped signature is skipped while serialising instead of
 * deleting it from a deep copy of the element (xml-crypto's way), which saves a copy of the whole document.
 */

export const C14N = {
  exclusive: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  exclusiveWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  inclusive: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  inclusiveWithComments: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
} as const;

const ALGORITHMS: Record<string, { exclusive: boolean; comments: boolean }> = {
  [C14N.exclusive]: { exclusive: true, comments: false },
  [C14N.exclusiveWithComments]: { exclusive: true, comments: true },
  [C14N.inclusive]: { exclusive: false, comments: false },
  [C14N.inclusiveWithComments]: { exclusive: false, comments: true },
};

export function isCanonicalization(algorithm: string | undefined): boolean {
  return algorithm !== undefined && Object.prototype.hasOwnProperty.call(ALGORITHMS, algorithm);
}

/** Thrown when a canonical form would repeat more namespace declarations than the cap allows. */
export class CanonicalLimitError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the canonical form repeats more than ${limitBytes} bytes of namespace declarations`);
    this.name = 'CanonicalLimitError';
  }
}

export interface CanonicalizeOptions {
  algorithm: string;
  /**
   * Keep comments when the algorithm is a #WithComments one. A same-document reference (`URI="#ID"`) always drops
   * them (XML-DSig §4.4.3.3); SignedInfo keeps them.
   */
  keepComments: boolean;
  /** A node left out of the output with its subtree: the enveloped signature. */
  exclude?: Node;
  /** Exclusive c14n's InclusiveNamespaces PrefixList. */
  inclusivePrefixes?: string[];
  /** Most bytes of namespace declarations the output may carry. */
  maxNamespaceBytes: number;
}

interface NamespaceNode {
  prefix: string;
  namespaceURI: string;
}

interface Hooks {
  processInner(node: Node, ...rest: unknown[]): string;
  renderNs(...args: unknown[]): { rendered: string; newDefaultNs: unknown };
}

/** The canonical form of `element` (a UTF-8 string to digest or verify). Throws CanonicalLimitError. */
export function canonicalize(element: Element, options: CanonicalizeOptions): string {
  const kind = ALGORITHMS[options.algorithm];
  if (!kind) throw new Error(`unsupported canonicalisation ${options.algorithm}`);
  const comments = kind.comments && options.keepComments;
  const canonicalizer = kind.exclusive
    ? comments
      ? new ExclusiveCanonicalizationWithComments()
      : new ExclusiveCanonicalization()
    : comments
      ? new C14nCanonicalizationWithComments()
      : new C14nCanonicalization();
  const hooks = canonicalizer as unknown as Hooks;
  const processInner = hooks.processInner.bind(canonicalizer);
  const renderNs = hooks.renderNs.bind(canonicalizer);
  let budget = options.maxNamespaceBytes;
  // Empty character data (an empty CDATA section, <![CDATA[]]>) renders as nothing, as C14N replaces a CDATA section
  // by its characters; xml-crypto throws "Unable to canonicalize node type: 4" on it.
  hooks.processInner = (node, ...rest) =>
    node === options.exclude || (isCharacterData(node) && !(node as CharacterData).data)
      ? ''
      : processInner(node, ...rest);
  hooks.renderNs = (...args) => {
    const result = renderNs(...args);
    budget -= result.rendered.length;
    if (budget < 0) throw new CanonicalLimitError(options.maxNamespaceBytes);
    return result;
  };

  const inclusivePrefixes = kind.exclusive ? (options.inclusivePrefixes ?? []) : [];
  // Inclusive c14n carries the namespaces in scope from outside the element; exclusive c14n only those named in
  // its PrefixList.
  const ancestors = !kind.exclusive || inclusivePrefixes.length > 0 ? ancestorNamespaces(element) : [];
  // xml-crypto's exclusive c14n writes the PrefixList's ancestor declarations onto the element itself: note which
  // it adds, and take them off again so that the document (and the next signature's digest) is unchanged.
  const added = inclusivePrefixes.filter(
    (prefix) => !element.hasAttribute(`xmlns:${prefix}`) && ancestors.some((a) => a.prefix === prefix),
  );
  try {
    return canonicalizer.process(element, {
      ancestorNamespaces: ancestors,
      inclusiveNamespacesPrefixList: inclusivePrefixes,
      defaultNsForPrefix: {},
    } as Parameters<typeof canonicalizer.process>[1]);
  } finally {
    for (const prefix of added) element.removeAttribute(`xmlns:${prefix}`);
  }
}

function isCharacterData(node: Node): boolean {
  return node.nodeType === 3 || node.nodeType === 4;
}

/**
 * The namespace declarations in scope at `element` that come from its ancestors, nearest first, leaving out the
 * prefixes the element declares itself or is named with (c14n renders those anyway) and undeclarations.
 * The same rule as xml-crypto's findAncestorNs, but for this element: xml-crypto 6.3.2 looks up the first SignedInfo
 * of the document whatever signature it checks, which breaks inclusive c14n of any later signature.
 */
export function ancestorNamespaces(element: Element): NamespaceNode[] {
  const own = new Set<string>([element.prefix ?? '']);
  for (let i = 0; i < element.attributes.length; i++) {
    const name = element.attributes[i]!.nodeName;
    if (name === 'xmlns' || name.startsWith('xmlns:')) own.add(name.slice(6));
  }
  const seen = new Set<string>();
  const out: NamespaceNode[] = [];
  for (let node = element.parentNode; node && node.nodeType === 1; node = node.parentNode) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i]!;
      if (a.nodeName !== 'xmlns' && !a.nodeName.startsWith('xmlns:')) continue;
      const prefix = a.nodeName.slice(6);
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      if (!own.has(prefix) && a.nodeValue) out.push({ prefix, namespaceURI: a.nodeValue });
    }
  }
  return out;
}
