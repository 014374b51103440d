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
