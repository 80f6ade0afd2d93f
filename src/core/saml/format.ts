import { isInputError } from '../common/findings';
import { parseXmlSafely } from './xml';

/**
 * Indented XML for reading, written from the bounded DOM (src/core/saml/xml.ts): linear in the size of the document.
 * (xml-formatter, used before, re-slices its input for every token: 16,000 elements took 4 s.) An element holding
 * only text stays on one line; whitespace between elements is replaced by the indentation. Falls back to the input
 * when it cannot be parsed.
 */
export function formatXml(xml: string): string {
  let doc: Document;
  try {
    doc = parseXmlSafely(xml, 'XML');
  } catch (err) {
    if (isInputError(err)) return xml;
    throw err;
  }
  const declaration = /^\s*(<\?xml[^?]*\?>)/.exec(xml)?.[1];
  const lines: string[] = declaration ? [declaration] : [];
  for (let node = doc.firstChild; node; node = node.nextSibling) write(node, 0, lines);
  return lines.join('\n') + '\n';
}

const TEXT = /[&<>\r]/g;
const ATTRIBUTE = /[&<"\t\n\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const escapeText = (s: string) => s.replace(TEXT, (c) => ENTITIES[c]!);
const escapeAttribute = (s: string) => s.replace(ATTRIBUTE, (c) => ENTITIES[c]!);

function leaf(node: Node): string | undefined {
  switch (node.nodeType) {
    case 3:
      return escapeText((node as Text).data);
    case 4:
      return `<![CDATA[${(node as CDATASection).data}]]>`;
    case 7:
      return `<?${(node as ProcessingInstruction).target} ${(node as ProcessingInstruction).data}?>`;
    case 8:
      return `<!--${(node as Comment).data}-->`;
    default:
      return undefined;
  }
}

function write(node: Node, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  if (node.nodeType !== 1) {
    const text = leaf(node);
    if (text !== undefined && (node.nodeType !== 3 || text.trim() !== '')) lines.push(indent + text.trim());
    return;
  }
  const el = node as Element;
  let open = `<${el.nodeName}`;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i]!;
    open += ` ${a.nodeName}="${escapeAttribute(a.nodeValue ?? '')}"`;
  }
  const children: Node[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) children.push(c);
  if (children.length === 0) {
    lines.push(`${indent}${open}/>`);
  } else if (children.every((c) => c.nodeType === 3 || c.nodeType === 4)) {
    lines.push(`${indent}${open}>${children.map((c) => leaf(c)).join('')}</${el.nodeName}>`);
  } else {
    lines.push(`${indent}${open}>`);
    for (const c of children) write(c, depth + 1, lines);
    lines.push(`${indent}</${el.nodeName}>`);
  }
}
