/** On an article opened from a search result, mark the searched words (Pagefind's highlight script). */
const params = new URLSearchParams(location.search);
if (params.has("highlight")) {
  const base = document.documentElement.dataset["base"] ?? "/";
  void import(/* @vite-ignore */ `${base}pagefind/pagefind-highlight.js`).then((mod: { default: new (o: Record<string, unknown>) => unknown }) => {
    // addStyles off: its inline <style> would break the Content-Security-Policy; our stylesheet styles <mark>.
    new mod.default({ highlightParam: "highlight", addStyles: false });
  });
}
