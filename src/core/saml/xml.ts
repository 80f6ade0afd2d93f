import { DOMParser } from '@xmldom/xmldom';
import { InputError } from '../findings';

export const MAX_XML_BYTES = 5 * 1024 * 1024;

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/**
 * Parses XML that came from outside. DTDs and entity declarations are refused outright: SAML and metadata never
 * need them, and refusing them rules out external entities (XXE) and expansion bombs whatever the parser does.
 */
export function parseXmlSafely(text: string, what: string): Document {
  if (Buffer.byteLength(text, 'utf8') > MAX_XML_BYTES) {
    throw new InputError(
      `The ${what} is larger than 5 MB, which no SAML message or metadata file is; it was not read.`,
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new InputError(
      `The ${what} contains a DTD or entity declaration (<!DOCTYPE / <!ENTITY>), which SAML never uses; refused for safety.`,
    );
  }
  const problems: string[] = [];
  const parser = new DOMParser({
    locator: {},
    errorHandler: {
      warning: () => undefined,
      error: (msg: string) => problems.push(msg),
      fatalError: (msg: string) => problems.push(msg),
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml') as unknown as Document;
  } catch (err) {
    problems.push((err as Error).message);
    doc = undefined as unknown as Document;
  }
  if (problems.length > 0 || !doc?.documentElement) {
    const first = (problems[0] ?? 'no root element')
      .replace(/\s+/g, ' ')
      .replace(/^\[xmldom \w+\]\s*/, '')
      .trim();
    throw new InputError(`The ${what} is not well-formed XML: ${first}`);
  }
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
  return Array.from(parent.getElementsByTagNameNS(ns, localName) as unknown as ArrayLike<Element>);
}

export function text(el: Element | undefined): string | undefined {
  const t = el?.textContent;
  return t == null ? undefined : t.trim();
}

export function attr(el: Element | undefined, name: string): string | undefined {
  return el?.hasAttribute(name) ? (el.getAttribute(name) as string) : undefined;
}
