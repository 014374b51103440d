import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Parse XML after checking it is well-formed; a malformed document throws with the parser's reason. */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    // Lists stay lists even with one element, so a test never depends on how many entries there are.
    isArray: (name) => ["entry", "link", "category", "url", "sitemap"].includes(name),
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  return parser.parse(xml) as Record<string, unknown>;
}
