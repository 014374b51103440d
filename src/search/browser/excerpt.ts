/**
 * Pagefind's excerpt is HTML with <mark> around matches. Parse it inert (a <template> runs nothing
 * and loads nothing), then rebuild it from text and <mark> alone: whatever an article's text held
 * can only ever come out as text.
 */
export function excerptFragment(excerpt: string, doc: Document = document): DocumentFragment {
  const template = doc.createElement("template");
  template.innerHTML = excerpt;
  const out = doc.createDocumentFragment();
  const walk = (node: Node, into: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.appendChild(doc.createTextNode(child.textContent ?? ""));
      } else if (child.nodeType === Node.ELEMENT_NODE && (child as Element).tagName === "MARK") {
        const mark = doc.createElement("mark");
        mark.textContent = child.textContent ?? "";
        into.appendChild(mark);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child, into);
      }
    }
  };
  walk(template.content, out);
  return out;
}
