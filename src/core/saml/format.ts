import xmlFormat from 'xml-formatter';

/** Indented XML for reading; falls back to the input when the formatter cannot handle it. */
export function formatXml(xml: string): string {
  try {
    return xmlFormat(xml, {
      indentation: '  ',
      collapseContent: true,
      lineSeparator: '\n',
      whiteSpaceAtEndOfSelfclosingTag: false,
    });
  } catch {
    return xml;
  }
}
