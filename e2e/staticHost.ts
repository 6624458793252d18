/**
 * A static host for the built app (dist/), of the test's own, on a free port: it sends the shipped
 * policy as a header, as the README asks of a host, and can publish a "new version" of a file
 * (`publish`), which the preview server cannot. A page route cannot stand in for that: Chromium
 * fetches a service worker's script past Playwright's routing.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../src/app/contentSecurityPolicy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json', '.webmanifest': 'application/manifest+json',
};

export interface StaticHost {
  readonly url: string;
  /** From now on, `path` (for example "/sw.js") is served as its built content with `suffix` appended. */
  publish(path: string, suffix: string): void;
  close(): Promise<void>;
}

export async function startStaticHost(root = 'dist'): Promise<StaticHost> {
  const changed = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' ? 'index.html' : path);
    readFile(file)
      .then((body) => {
        const suffix = changed.get(path);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'cache-control': 'no-cache',
        });
        res.end(suffix === undefined ? body : Buffer.concat([body, Buffer.from(suffix)]));
      })
      .catch(() => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    publish: (path, suffix) => void changed.set(path, suffix),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
