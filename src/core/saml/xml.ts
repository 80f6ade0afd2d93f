import { utf8Length } from '../common/bytes';
import { DOMImplementation } from '@xmldom/xmldom';
import { SaxesParser, SaxesTagNS } from 'saxes';
import { InputError } from '../common/findings';
import { excerpt } from '../common/text';

/**
 * Bounds on every XML document read from outside (metadata, SAML responses, a config's metadataFile). IAM Identity
 * Center's metadata has about 15 elements and its responses about 40, or a few thousand with long group lists, so
 * these leave room for any real IdP while keeping the work (parsing, the DOM, canonicalisation) linear and small.
 * A response reaches its service provider as a browser form post, which web servers commonly cap at 1 MB.
 * docs/features.md, "IdP metadata and SAML responses", lists them.
 */
export const XML_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 100,
  maxElements: 50_000,
  maxAttributes: 100_000,
  maxAttributesPerElement: 64,
  /** Raw input (base64, URL-encoded form bodies) before decoding to XML. */
  maxInputBytes: 5 * 1024 * 1024,
  /** Comments and processing instructions together. */
  maxOtherNodes: 10_000,
  maxNamespacesInScope: 64,
  maxNamespaceUriLength: 1024,
} as const;

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** What the parser saw, so that checks need not walk the whole document again. */
interface DocumentIndex {
  /** How many elements carry each value of an ID, Id or id attribute. */
  ids: Map<string, number>;
  /** Elements by local name, in document order. */
  elements: Map<string, Element[]>;
}

const indexes = new WeakMap<Document, DocumentIndex>();
const ID_ATTRIBUTES = new Set(['ID', 'Id', 'id']);

/** How many elements of the document carry `id` as their ID, Id or id attribute. */
export function elementsWithId(doc: Document, id: string): number {
  const index = indexes.get(doc);
  if (index) return index.ids.get(id) ?? 0;
  let n = 0;
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (el.getAttribute('ID') === id || el.getAttribute('Id') === id || el.getAttribute('id') === id) n++;
  }
  return n;
}

interface OpenElement {
  name: string;
  line: number;
  column: number;
  namespacesInScope: number;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * saxes stores each handler as a property of the parser when it is set; after six of them V8 turns the parser into a
 * slow dictionary object and every character read costs five times as much. Declaring the handler properties in
 * the constructor keeps the object fast.
 */
class Parser extends SaxesParser<{ xmlns: true; position: true }> {
  constructor() {
    super({ xmlns: true, position: true });
    const handlers = this as unknown as Record<string, undefined>;
    handlers.textHandler = undefined;
    handlers.piHandler = undefined;
    handlers.doctypeHandler = undefined;
    handlers.commentHandler = undefined;
    handlers.openTagStartHandler = undefined;
    handlers.attributeHandler = undefined;
    handlers.openTagHandler = undefined;
    handlers.closeTagHandler = undefined;
    handlers.cdataHandler = undefined;
    handlers.errorHandler = undefined;
  }
}

/** Line and column of an element, as the parser recorded it (1-based), for messages. */
export function positionOf(node: Node | undefined): string {
  const { lineNumber, columnNumber } = (node ?? {}) as { lineNumber?: number; columnNumber?: number };
  return lineNumber ? `line ${lineNumber}, column ${columnNumber ?? 1}` : 'an unknown position';
}

/**
 * Parses XML that came from outside into a DOM, within XML_LIMITS. A linear, conformant parser (saxes) reads the
 * text and the DOM (@xmldom/xmldom, which xml-crypto canonicalises) is built from its events, so xmldom's own parser,
 * which is quadratic on unclosed nesting, never sees the input. Every limit is checked while parsing, so hostile input
 * stops at the first element past a bound. DTDs and entity declarations are refused outright: SAML and metadata never
 * need them, and refusing them rules out external entities (XXE) and expansion bombs. Throws InputError with a
 * message for the user, naming the element and position where that helps.
 */
export function parseXmlSafely(text: string, what: string): Document {
  const source = text.replace(/^\ufeff/, '');
  if (source.length > XML_LIMITS.maxBytes || utf8Length(source) > XML_LIMITS.maxBytes) {
    throw new InputError(
      `The ${what} is larger than ${XML_LIMITS.maxBytes / 1048576} MB, which no SAML message or metadata file is; it was not read.`,
    );
  }
  if (source.trim() === '') throw new InputError(`The ${what} is empty.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) {
    throw new InputError(
      `The ${what} contains a DTD or entity declaration (<!DOCTYPE / <!ENTITY>), which SAML never uses; refused for safety.`,
    );
  }

  const doc = new DOMImplementation().createDocument(null, null as unknown as string, null);
  const index: DocumentIndex = { ids: new Map(), elements: new Map() };
  indexes.set(doc, index);
  const parser = new Parser();
  const open: OpenElement[] = [];
  const parents: Node[] = [doc];
  let elements = 0;
  let attributes = 0;
  let otherNodes = 0;
  let tagLine = 1;
  let tagColumn = 1;
  let lastClosed: OpenElement | undefined;
  let closing = false;

  const refuse = (message: string): never => {
    throw new InputError(message);
  };
  const The = `The ${what}`;
  const where = () => `line ${parser.line}, column ${parser.column}`;
  const parent = () => parents[parents.length - 1] as Node;

  parser.on('error', (err) => {
    const reason = excerpt(err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''), 200);
    if (reason === 'unexpected close tag' && lastClosed) {
      // saxes has already popped the element the close tag should have closed.
      const tagStart = source.lastIndexOf('</', parser.position - 1);
      const closingName = excerpt(/^<\/([^\s>]*)/.exec(source.slice(tagStart, tagStart + 200))?.[1] ?? '', 80);
      refuse(
        `${The} is not well-formed XML: </${closingName}> at ${where()} does not close <${lastClosed.name}> (opened at line ${lastClosed.line}, column ${lastClosed.column}).`,
      );
    }
    if (closing && /<[^>]*$/.test(source)) {
      const partial = source.slice(source.lastIndexOf('<'), source.lastIndexOf('<') + 40);
      refuse(
        `${The} ends in the middle of the tag "${partial}…" at ${where()}: it is truncated. Copy it again in full.`,
      );
    }
    if (reason === 'document must contain a root element') refuse(`${The} contains no XML element.`);
    if (reason.startsWith('undefined entity')) {
      refuse(
        `${The} uses an ${reason} at ${where()}; only the XML entities &amp; &lt; &gt; &quot; &apos; and character references can be used.`,
      );
    }
    refuse(`${The} is not well-formed XML at ${where()}: ${reason}.`);
  });
  parser.on('doctype', () => refuse(`${The} contains a DTD (<!DOCTYPE>), which SAML never uses; refused for safety.`));
  let tagAttributes = 0;
  parser.on('attribute', (attribute) => {
    // Counted as each attribute is read, so an element with 400,000 of them stops at the first one too many.
    tagAttributes++;
    attributes++;
    if (tagAttributes > XML_LIMITS.maxAttributesPerElement) {
      refuse(`${The} has more than ${XML_LIMITS.maxAttributesPerElement} attributes on one element (at ${where()}).`);
    }
    if (attributes > XML_LIMITS.maxAttributes) {
      refuse(
        `${The} has more than ${count(XML_LIMITS.maxAttributes)} attributes in all (at ${where()}); no SAML message or metadata file is that large.`,
      );
    }
    const declares = attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
    if (declares && attribute.value.length > XML_LIMITS.maxNamespaceUriLength) {
      refuse(
        `${The} declares the namespace ${attribute.name === 'xmlns' ? '(default)' : `"${excerpt(attribute.name.slice(6), 80)}"`} at ${where()} with a name of ${count(attribute.value.length)} characters; namespace names are short URIs (at most ${count(XML_LIMITS.maxNamespaceUriLength)} characters here).`,
      );
    }
  });
  parser.on('opentagstart', (tag) => {
    tagAttributes = 0;
    // saxes reports the position just after the tag's name: step back to its "<".
    tagLine = parser.line;
    tagColumn = Math.max(1, parser.column - tag.name.length - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const at = () => `<${excerpt(tag.name, 80)}> at line ${tagLine}, column ${tagColumn}`;
    elements++;
    if (elements > XML_LIMITS.maxElements) {
      refuse(
        `${The} has more than ${count(XML_LIMITS.maxElements)} elements (the next is ${at()}); no SAML message or metadata file is that large.`,
      );
    }
    if (open.length >= XML_LIMITS.maxDepth) {
      refuse(
        `${The} nests elements more than ${XML_LIMITS.maxDepth} deep (${at()}); no SAML message or metadata file does.`,
      );
    }
    let declared = 0;
    for (const _prefix in tag.ns) declared++;
    const namespacesInScope = (open[open.length - 1]?.namespacesInScope ?? 0) + declared;
    if (namespacesInScope > XML_LIMITS.maxNamespacesInScope) {
      refuse(
        `${The} has more than ${XML_LIMITS.maxNamespacesInScope} namespace declarations in scope at ${at()}; SAML uses a handful.`,
      );
    }
    const el = doc.createElementNS(tag.uri || null, tag.name);
    const position = el as unknown as { lineNumber: number; columnNumber: number };
    position.lineNumber = tagLine;
    position.columnNumber = tagColumn;
    for (const name in tag.attributes) {
      const a = tag.attributes[name]!;
      // As xmldom's own parser builds attributes, so that canonicalisation sees the DOM it always saw.
      const attr = doc.createAttributeNS(a.uri || null, name);
      attr.value = a.value;
      (attr as { nodeValue: string }).nodeValue = a.value;
      el.setAttributeNode(attr);
      if (ID_ATTRIBUTES.has(name)) index.ids.set(a.value, (index.ids.get(a.value) ?? 0) + 1);
    }
    const sameName = index.elements.get(tag.local);
    if (sameName) sameName.push(el);
    else index.elements.set(tag.local, [el]);
    parent().appendChild(el);
    parents.push(el);
    open.push({ name: excerpt(tag.name, 80), line: tagLine, column: tagColumn, namespacesInScope });
  });
  parser.on('closetag', () => {
    parents.pop();
    lastClosed = open.pop();
  });
  parser.on('text', (data) => {
    // Whitespace around the root element is not part of the document's content.
    if (parents.length > 1) parent().appendChild(doc.createTextNode(data));
  });
  parser.on('cdata', (data) => {
    parent().appendChild(doc.createCDATASection(data));
  });
  const other = () => {
    otherNodes++;
    if (otherNodes > XML_LIMITS.maxOtherNodes) {
      refuse(`${The} has more than ${count(XML_LIMITS.maxOtherNodes)} comments and processing instructions.`);
    }
  };
  parser.on('comment', (data) => {
    other();
    parent().appendChild(doc.createComment(data));
  });
  parser.on('processinginstruction', (pi) => {
    other();
    parent().appendChild(doc.createProcessingInstruction(pi.target ?? '', pi.body ?? ''));
  });

  parser.write(source);
  const innermost = open[open.length - 1];
  if (innermost) {
    const outer = open.length - 1;
    const lastTag = source.lastIndexOf('<');
    const midTag = lastTag > source.lastIndexOf('>');
    const around = `<${innermost.name}> (opened at line ${innermost.line}, column ${innermost.column})`;
    const more =
      outer > 0
        ? `, inside ${outer === 1 ? 'one more unclosed element' : `${count(outer)} more unclosed elements`}`
        : '';
    refuse(
      midTag
        ? `${The} ends in the middle of the tag "${source.slice(lastTag, lastTag + 40)}…" inside ${around}${more}: it is truncated. Copy it again in full.`
        : `${The} ends before ${around} is closed${more}: it is truncated. Copy it again in full.`,
    );
  }
  closing = true;
  parser.close();
  if (!doc.documentElement) refuse(`${The} contains no XML element.`);
  return doc;
}

export function childElements(parent: Element | Document, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName)
      out.push(n as Element);
  }
  return out;
}

export function firstChild(parent: Element | undefined, ns: string, localName: string): Element | undefined {
  return parent ? childElements(parent, ns, localName)[0] : undefined;
}

export function descendants(parent: Element | Document, ns: string, localName: string): Element[] {
  const index = parent.nodeType === 9 ? indexes.get(parent as Document) : undefined;
  if (index) return (index.elements.get(localName) ?? []).filter((el) => el.namespaceURI === ns);
  return Array.from(parent.getElementsByTagNameNS(ns, localName) as unknown as ArrayLike<Element>);
}

export function text(el: Element | undefined): string | undefined {
  const t = el?.textContent;
  return t == null ? undefined : t.trim();
}

export function attr(el: Element | undefined, name: string): string | undefined {
  return el?.hasAttribute(name) ? (el.getAttribute(name) as string) : undefined;
}
