/**
 * The pages' Content-Security-Policy: no inline script or style anywhere; WebAssembly compilation
 * only on pages that run the search. Shipped as a <meta> tag and documented for hosts as a header.
 */
export function contentSecurityPolicy(options: { wasm: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self'${options.wasm ? " 'wasm-unsafe-eval'" : ""}`,
    "style-src 'self'",
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** Site paths whose responses need `'wasm-unsafe-eval'` (see contentSecurityPolicyFor). */
export const WASM_PATHS: readonly RegExp[] = [/^\/search\/(index\.html)?$/, /^\/pagefind\/pagefind-worker\.js$/];

/**
 * The policy a host should send as a `Content-Security-Policy` header for a site path (the URL path
 * without the path prefix). WebAssembly runs in two places only: the search page (Pagefind falls back
 * to the main thread there) and Pagefind's web worker, whose policy is the header of its own script:
 * without `'wasm-unsafe-eval'` on `/pagefind/pagefind-worker.js` the search never finishes loading.
 */
export function contentSecurityPolicyFor(sitePath: string): string {
  return contentSecurityPolicy({ wasm: WASM_PATHS.some((re) => re.test(sitePath)) });
}
