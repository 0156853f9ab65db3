import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, Result as AxeRule } from 'axe-core';
import { type Browser, type BrowserContext, type Page, type Response, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { readSettings } from '../../src/config';
import { type RunningServer, startServer } from '../../src/server';
import { freePort } from '../ports';
import { type TestSmtpServer, startSmtpServer } from '../smtp';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

// Never let playwright fetch anything: the browser is Debian's, and no test talks to the outside world.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** WCAG 2.0 and 2.1, levels A and AA: what Norwegian public bodies are bound to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const PHONE = { width: 375, height: 812 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/**
 * Whether the browser tests run here. Locally a missing Chromium skips them with a message; under CI=true it is a
 * failure (the suite runs and its setup throws), so a CI machine without the browser cannot pass by skipping.
 */
export function browserTestsSkipped(): boolean {
  if (existsSync(CHROMIUM_PATH)) return false;
  if (process.env.CI === 'true') return false;
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`);
  return true;
}


export interface BrowserStack {
  server: RunningServer;
  smtp: TestSmtpServer;
  browser: Browser;
  /** The server's origin, also its BASE_URL (so links in mails point back to it). */
  base: string;
  /** The first organiser, created on start from ADMIN_EMAIL/ADMIN_PASSWORD. */
  admin: { email: string; password: string };
  /** A fresh browser context (own cookies) with one page, Norwegian by default, cut off from every other origin. */
  newPage(options?: { viewport?: { width: number; height: number }; javaScript?: boolean; locale?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real server (`startServer`, as `npm start` runs it) on a free loopback port with a fresh data folder and the
 * demo events, mailing through an in-process SMTP server, and one Chromium for the whole file.
 */
export async function startBrowserStack(): Promise<BrowserStack> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: CI must install it (.ci/run does: apt-get install -y chromium).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'samling-browser-'));
  const smtp = await startSmtpServer();
  // BASE_URL must name the real port, and the port is only known once chosen; a probe finds a free one first.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const admin = { email: 'arrangor@example.no', password: 'et langt og hemmelig passord' };
  const settings = readSettings({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    DEMO: '1',
    BASE_URL: base,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  });
  const server = await startServer(settings, () => {});
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];

  return {
    server,
    smtp,
    browser,
    base,
    admin,
    async newPage(options = {}) {
      const javaScript = options.javaScript ?? true;
      const context = await browser.newContext({
        viewport: options.viewport ?? PHONE,
        javaScriptEnabled: javaScript,
        locale: options.locale ?? 'nb-NO',
        baseURL: base,
        acceptDownloads: true,
      });
      contexts.push(context);
      // A step that hangs fails on its own line, well before the test's time is up.
      context.setDefaultTimeout(15_000);
      await context.route(
        (url) => url.origin !== base,
        (route) => route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      trackDocuments(page, javaScript);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface PageState {
  javaScript: boolean;
  /** The last top-level document the server sent, so the checker sees the server's HTML and not the parsed DOM. */
  document?: Response;
}
const pageStates = new WeakMap<Page, PageState>();

const isRedirect = (status: number) => status >= 300 && status < 400;

/**
 * Console errors and uncaught exceptions of every page, to be taken (and failed on) after each test. This includes what
 * the Content-Security-Policy refused (an inline script or style, a foreign origin): Chromium reports it only there.
 */
const consoleErrors: string[] = [];

/** The console errors seen since the last call, emptied. */
export function takeConsoleErrors(): string[] {
  return consoleErrors.splice(0);
}

function trackDocuments(page: Page, javaScript: boolean) {
  const state: PageState = { javaScript };
  pageStates.set(page, state);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A page that answers 4xx on purpose (a test of the 404 page) is logged as a failed load of that same document.
    const location = message.location().url;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) && location === state.document?.url()) return;
    consoleErrors.push(`${page.url()}: ${message.text()}${location && location !== page.url() ? ` (${location})` : ''}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame() && !isRedirect(response.status())) {
      state.document = response;
    }
  });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// With JavaScript disabled Chromium runs no timers, and axe waits on setTimeout; microtasks still run, so timers
// become microtasks for the audit. Only ever done on pages that have no scripts of their own running.
function timersAsMicrotasks() {
  let next = 0;
  const cancelled = new Set<number>();
  const w = window as unknown as { setTimeout: unknown; clearTimeout: unknown };
  w.setTimeout = (fn: unknown, _ms?: number, ...args: unknown[]) => {
    const id = ++next;
    void Promise.resolve().then(() => {
      if (!cancelled.has(id) && typeof fn === 'function') fn(...args);
    });
    return id;
  };
  w.clearTimeout = (id: number) => cancelled.add(id);
}

/**
 * axe-core's WCAG 2.0/2.1 A+AA rules on the page as it is now. The engine is evaluated into the page (like
 * addScriptTag, but that would not run with JavaScript off).
 */
export async function runAxe(page: Page): Promise<AxeRule[]> {
  if (pageStates.get(page)?.javaScript === false) await page.evaluate(timersAsMicrotasks);
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  return results.violations;
}

export interface Violation {
  url: string;
  pageType: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `  [${v.rule}] (${v.impact}) ${v.help}\n    page: ${v.pageType} ${v.url}\n    ${v.targets.map((t) => `at ${t}`).join('\n    ')}`)
    .join('\n');
}

export interface SavedPage {
  pageType: string;
  url: string;
  file: string;
}

export interface CheckOptions {
  /** Which HTML to keep for the checker: the server's last document (default) or the live DOM (after an htmx swap). */
  html?: 'document' | 'dom';
}

/**
 * Audits every page a flow visits: axe on every call, and for the first page of each type the HTML (for the Nu
 * checker) and screenshots at 375 px and 1280 px under test-output/.
 */
export function createAudit(outputDir = OUTPUT_DIR) {
  const htmlDir = join(outputDir, 'html');
  const shotDir = join(outputDir, 'screenshots');
  rmSync(htmlDir, { recursive: true, force: true });
  mkdirSync(htmlDir, { recursive: true });
  mkdirSync(shotDir, { recursive: true });
  const saved = new Map<string, SavedPage>();
  let pending: Violation[] = [];
  const visited: string[] = [];
  const spent = { axe: 0, reflow: 0, html: 0, screenshots: 0 };
  const timed = async <T>(phase: keyof typeof spent, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      spent[phase] += performance.now() - start;
    }
  };

  async function saveHtml(page: Page, pageType: string, options: CheckOptions) {
    const document = pageStates.get(page)?.document;
    const useDocument = options.html !== 'dom' && document && document.url() === page.url();
    const html = useDocument ? await document.text() : await page.content();
    const file = join(htmlDir, `${pageType}.html`);
    writeFileSync(file, html);
    saved.set(pageType, { pageType, url: page.url(), file });
  }

  /**
   * WCAG 1.4.10 (reflow): at 320 CSS px nothing may need scrolling sideways, except what needs two dimensions (data
   * tables, which the criterion exempts). axe cannot see this.
   */
  async function reflow(page: Page, pageType: string): Promise<Violation | null> {
    const viewport = page.viewportSize() ?? PHONE;
    await page.setViewportSize({ width: 320, height: viewport.height });
    const wide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= limit) return [];
      const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''}`;
      return [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > limit + 1 && el.children.length === 0 && !el.closest('table'))
        .slice(0, 5)
        .map((el) => `${describe(el)} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    });
    await page.setViewportSize(viewport);
    if (wide.length === 0) return null;
    return { url: page.url(), pageType, rule: 'reflow-320px', impact: 'serious', help: 'Content must fit 320 CSS px without horizontal scrolling (WCAG 1.4.10)', targets: wide };
  }

  async function screenshots(page: Page, pageType: string) {
    const viewport = page.viewportSize() ?? PHONE;
    for (const size of [PHONE, DESKTOP]) {
      if (page.viewportSize()?.width !== size.width) await page.setViewportSize(size);
      await page.screenshot({ path: join(shotDir, `${pageType}-${size.width}.png`), fullPage: true });
    }
    if (page.viewportSize()?.width !== viewport.width) await page.setViewportSize(viewport);
  }

  return {
    /** Runs axe on the page and, the first time a page type is seen, keeps its HTML and screenshots. */
    async check(page: Page, pageType: string, options: CheckOptions = {}) {
      const url = page.url();
      visited.push(`${pageType} ${url}`);
      for (const rule of await timed('axe', () => runAxe(page))) {
        pending.push({
          url,
          pageType,
          rule: rule.id,
          impact: rule.impact ?? 'unknown',
          help: rule.help,
          targets: rule.nodes.map((n) => n.target.join(' ')),
        });
      }
      if (!saved.has(pageType)) {
        const overflow = await timed('reflow', () => reflow(page, pageType));
        if (overflow) pending.push(overflow);
        await timed('html', () => saveHtml(page, pageType, options));
        await timed('screenshots', () => screenshots(page, pageType));
      }
    },
    /** Violations found since the last call, emptied. */
    takeViolations(): Violation[] {
      const found = pending;
      pending = [];
      return found;
    },
    savedPages: (): SavedPage[] => [...saved.values()],
    visited: (): readonly string[] => visited,
    /** Seconds spent in each part of the audit, for the report on what the browser tests cost. */
    spent: () => Object.fromEntries(Object.entries(spent).map(([k, ms]) => [k, Math.round(ms / 100) / 10])),
  };
}

export type Audit = ReturnType<typeof createAudit>;

/**
 * The two ways a flow moves, each audited: open an address (expecting its status), or click and wait for the next
 * document (with and without JavaScript). `audit` is read at each step, so it may be made in a beforeAll.
 */
export function auditedSteps(audit: () => Audit) {
  return {
    async go(page: Page, path: string, pageType: string, status = 200) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      await audit().check(page, pageType);
    },
    async clickThrough(page: Page, click: () => Promise<void>, pageType: string) {
      await Promise.all([page.waitForEvent('load'), click()]);
      await audit().check(page, pageType);
    },
  };
}
