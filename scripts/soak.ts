/**
 * npm run soak -- --minutes N [--hidden H] [--every S] [--warmup S] [--json FILE]
 *
 * Trains in headless Chromium for N minutes on the built app (served by `vite preview` on a port of
 * its own) at H = 64 by default, moving the cursor through time every few seconds as a reader would,
 * and every S seconds (30) collects garbage in the page and the training worker and reports their
 * used JS heap and backing stores, the DOM node count and the listener count (Chrome DevTools
 * Protocol; the median of three readings). At the end it says whether each judged measure stayed
 * flat: the median of its last three samples within 20% of the median of its first three after the
 * warm-up (120 s). Exit 0 when flat, 1 when something grew, 2 on bad options.
 * Not part of `npm test`: a 30-minute series is quoted in the README.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { preview } from 'vite';
import { UsageError, isEntry, numberOption, parseOptions, runProcess, type Io } from '../src/cli/common';
import { MAX_SIZE } from '../src/engine/spec';
import { sampleLine, verdictLines, verdicts, type SoakSample } from './soakSeries';

const PORT = 4339;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** How often the cursor moves while training, and the rest from it before a sample. */
const CURSOR_MS = 2_000;
const REST_MS = 1_000;

type HeapUsage = { usedSize: number; backingStorageSize?: number };

/**
 * The training worker's DevTools session, through the browser's target list: dedicated workers are
 * not pages, so Playwright's sessions do not reach them; Target.sendMessageToTarget does.
 */
class WorkerProbe {
  private next = 0;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private session: { targetId: string; sessionId: string } | null = null;

  constructor(private readonly browser: CDPSession) {
    browser.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
      const done = m.id === undefined ? undefined : this.pending.get(m.id);
      if (done) {
        this.pending.delete(m.id!);
        done(m.result ?? m.error);
      }
    });
  }

  /** Attach to the training worker now running (after a restart by the supervisor, the new one). */
  private async attach(): Promise<string> {
    const { targetInfos } = (await this.browser.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('trainer.worker'));
    if (!worker) throw new Error('the training worker is not running');
    if (this.session?.targetId !== worker.targetId) {
      const { sessionId } = (await this.browser.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
      this.session = { targetId: worker.targetId, sessionId };
    }
    return this.session.sessionId;
  }

  async call<T>(method: string): Promise<T> {
    const sessionId = await this.attach();
    const id = ++this.next;
    const answer = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
    await this.browser.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    return (await answer) as T;
  }
}

async function runState(page: Page): Promise<{ step: number; status: string }> {
  return page.evaluate(() => {
    const s = (window as unknown as { __gatescope: { store: { getState(): { step: number; status: string } } } }).__gatescope.store.getState();
    return { step: s.step, status: s.status };
  });
}

async function reading(page: Page, pageSession: CDPSession, worker: WorkerProbe, at: number): Promise<SoakSample> {
  await pageSession.send('HeapProfiler.collectGarbage');
  await worker.call('HeapProfiler.collectGarbage');
  const pageHeap = (await pageSession.send('Runtime.getHeapUsage')) as HeapUsage;
  const workerHeap = await worker.call<HeapUsage>('Runtime.getHeapUsage');
  const dom = (await pageSession.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
  const run = await runState(page);
  return {
    at, step: run.step, status: run.status,
    pageHeap: pageHeap.usedSize, pageBuffers: pageHeap.backingStorageSize ?? 0,
    workerHeap: workerHeap.usedSize, workerBuffers: workerHeap.backingStorageSize ?? 0,
    domNodes: dom.nodes, listeners: dom.jsEventListeners,
  };
}

/**
 * One sample: with the cursor at the first step, after a rest from the keys (so no re-render is
 * half done), three readings 300 ms apart, each measure their median (one reading can land while a
 * snapshot is being drawn).
 */
async function sample(page: Page, pageSession: CDPSession, worker: WorkerProbe, at: number): Promise<SoakSample> {
  // Every sample at the same cursor (what is drawn, and so the node and listener counts, depends on it).
  await page.keyboard.press('Home');
  await page.waitForTimeout(REST_MS);
  const reads: SoakSample[] = [];
  for (let k = 0; k < 3; k++) {
    if (k > 0) await page.waitForTimeout(300);
    reads.push(await reading(page, pageSession, worker, at));
  }
  const mid = (f: (s: SoakSample) => number) => reads.map(f).sort((a, b) => a - b)[1]!;
  const last = reads[2]!;
  return {
    at, step: last.step, status: last.status,
    pageHeap: mid((s) => s.pageHeap), pageBuffers: mid((s) => s.pageBuffers),
    workerHeap: mid((s) => s.workerHeap), workerBuffers: mid((s) => s.workerBuffers),
    domNodes: mid((s) => s.domNodes), listeners: mid((s) => s.listeners),
  };
}

export async function main(argv: string[], io: Io): Promise<number> {
  const opts = parseOptions(argv, {
    minutes: { type: 'string' }, hidden: { type: 'string' }, every: { type: 'string' }, warmup: { type: 'string' }, json: { type: 'string' },
  });
  if (opts.minutes === undefined) throw new UsageError('--minutes: required (how long to train, e.g. --minutes 30)');
  const minutes = numberOption(opts.minutes, 'minutes', 0, { min: 0, exclusiveMin: true, max: 24 * 60 });
  const hidden = numberOption(opts.hidden, 'hidden', 64, { min: 1, max: MAX_SIZE, integer: true });
  const every = numberOption(opts.every, 'every', 30, { min: 5, max: 3600 });
  const warmup = numberOption(opts.warmup, 'warmup', 120, { min: 0, max: 24 * 3600 });
  if (opts.json !== undefined) {
    try {
      writeFileSync(opts.json, '');
    } catch (e) {
      throw new UsageError(`--json ${opts.json}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'unwritable'})`);
    }
  }
  if (!existsSync('dist/index.html')) throw new UsageError('dist/index.html: no build to soak; run npm run build first');
  if (!existsSync(CHROMIUM)) throw new UsageError(`${CHROMIUM}: no Chromium there (install Debian's chromium, or set CHROMIUM_PATH)`);

  const server = await preview({ preview: { host: '127.0.0.1', port: PORT, strictPort: true }, logLevel: 'silent' }).catch((e: Error) => {
    throw new UsageError(`vite preview on port ${PORT}: ${e.message.split('\n')[0]}`);
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const samples: SoakSample[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/#hidden=${hidden}`);
    await page.waitForFunction(() => {
      const hook = (window as unknown as { __gatescope?: { store: { getState(): { snapshot: unknown } } } }).__gatescope;
      return hook?.store.getState().snapshot != null;
    }, null, { timeout: 60_000 });
    const pageSession = await context.newCDPSession(page);
    const worker = new WorkerProbe(await browser.newBrowserCDPSession());
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // The keys go to the page, not to the Play button.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    io.out(`soak: ${minutes} min at H = ${hidden} (LSTM, sine, T = 40, B = 16), a sample every ${every} s after GC; judged from the first sample at or after ${warmup} s\n`);
    const start = Date.now();
    const end = start + minutes * 60_000;
    let nextSample = start;
    let key = 0;
    while (Date.now() <= end) {
      if (Date.now() >= nextSample) {
        const s = await sample(page, pageSession, worker, Math.round((Date.now() - start) / 1000));
        samples.push(s);
        io.out(`${sampleLine(s)}\n`);
        nextSample += every * 1000;
      }
      // A reader moving through time: a few steps right, then back to the start.
      key = (key + 1) % 12;
      await page.keyboard.press(key === 0 ? 'Home' : 'ArrowRight');
      await page.waitForTimeout(Math.max(0, Math.min(CURSOR_MS, nextSample - Date.now(), end - Date.now())));
    }
    const last = samples[samples.length - 1];
    if (!last || Date.now() - start - last.at * 1000 > 1000) {
      const s = await sample(page, pageSession, worker, Math.round((Date.now() - start) / 1000));
      samples.push(s);
      io.out(`${sampleLine(s)}\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const judged = verdicts(samples, warmup);
  io.out(`\nthe last three samples against the first three after the warm-up, medians (flat: within 20%):\n${verdictLines(judged).join('\n')}\n`);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ minutes, hidden, every, warmup, samples, verdicts: judged }, null, 2)}\n`);
  return judged.every((v) => v.flat !== false) ? 0 : 1;
}

if (isEntry(import.meta.url)) runProcess(main);
