import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * The service worker: Workbox precaches everything the app needs to open and train offline (the
 * shell, the workers with their WebAssembly, the styles, the KaTeX chunk and its fonts as WOFF2,
 * which every browser with service workers reads). `prompt`: a new version waits for the user
 * (src/app/serviceWorker.ts). The manifest lets the page be installed as an app.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'Gatescope',
    short_name: 'Gatescope',
    description: 'Watch the gates of an RNN, LSTM or GRU open and close, with every number computed live in your browser.',
    start_url: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1f4e79',
    icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,svg,woff2,webmanifest}'],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // Above Workbox's 2 MiB default, so that a growing bundle is still cached (the offline test checks).
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offline],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: (file) => (FONT.test(file) ? false : undefined),
  },
});
