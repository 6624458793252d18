import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './src/app/contentSecurityPolicy.ts';

/**
 * The built index.html carries the policy in a <meta> tag, and the build writes `_headers` (the
 * header file of Netlify and Cloudflare Pages) with the same policy for every path. The dev server
 * sends none: its hot reload injects inline styles and scripts.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'gatescope-csp',
    apply: 'build',
    transformIndexHtml: (html) => {
      const charset = '<meta charset="UTF-8" />';
      if (!html.includes(charset)) throw new Error('index.html has no <meta charset="UTF-8" /> to put the policy after');
      return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n` });
    },
  };
}

/** Fonts are always files (`font-src 'self'` refuses a font inlined as a data: URL). */
const FONT = /\.(woff2?|ttf|otf|eot)$/i;

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: (file) => (FONT.test(file) ? false : undefined),
  },
});
