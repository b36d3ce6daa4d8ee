/** Reads XML back with sax in strict mode (as publish/hatenaXml.ts does): every element's name and attributes, in order. */
interface SaxParser {
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onerror: (error: Error) => void;
  write(chunk: string): SaxParser;
  close(): SaxParser;
}
// sax ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require("sax") as { parser(strict: boolean, options: Record<string, never>): SaxParser };

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

/** Throws on XML that is not well-formed. */
export function parseXml(xml: string): XmlElement[] {
  const parser = sax.parser(true, {});
  const elements: XmlElement[] = [];
  parser.onopentag = (tag) => elements.push({ name: tag.name, attributes: { ...tag.attributes } });
  parser.onerror = (e) => {
    throw e;
  };
  parser.write(xml).close();
  return elements;
}
