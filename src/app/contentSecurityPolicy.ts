/**
 * The Content-Security-Policy the built app ships with: in a <meta> tag of the built index.html
 * and as a header from `vite preview` (vite.config.ts). Nothing runs or styles the page inline:
 * scripts, styles, fonts and workers come from the app's own origin. `'wasm-unsafe-eval'` lets the
 * engine compile its WebAssembly kernels; `data:` and `blob:` images are the canvases and the SVG
 * drawn into a PNG on export; `blob:` workers are left open for the bundler's worker loader.
 * A static host sends the same string as a `Content-Security-Policy` header (README, "Security").
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
