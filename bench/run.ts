/**
 * `npm run bench`: starts Warrant on a scratch database, imports a generated 100k-word document
 * and measures, in headless Chromium, the time until the reader has painted it and the frame
 * times while scrolling through it — each beside a baseline measured in the same run: the same
 * text as a static HTML page without any editor.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { markdownToHtml } from '@/lib/documents/convert';
import { generateMarkdown } from './generate';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const WORDS = Number(process.env.BENCH_WORDS ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'warrant-bench-'));
const env = {
  ...process.env,
  DATABASE_PATH: path.join(dir, 'bench.db'),
  PORT: String(PORT),
  WARRANT_SEED_DEMO: 'false',
};

function cli(...args: string[]) {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/warrant.ts', ...args], { env, stdio: 'pipe' });
}

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/sign-in`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The server did not start.');
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/**
 * Scrolls from top to bottom, 600 px per frame, and returns the frame durations (ms). Kept as a
 * string: tsx would otherwise add helpers the browser does not have.
 */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const frames = [];
  let last = performance.now();
  window.scrollTo(0, 0);
  const step = (now) => {
    frames.push(now - last);
    last = now;
    const before = window.scrollY;
    window.scrollBy(0, 600);
    if (window.scrollY === before || frames.length > 5000) resolve(frames.slice(1));
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

const PAINTED_AT =
  'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))';

async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(SCROLL_SCRIPT) as Promise<number[]>;
}

async function main() {
  const email = 'bench@example.org';
  const password = 'bench password 2026';
  cli('user', 'create', '--email', email, '--password', password, '--admin');
  cli('workspace', 'create', '--name', 'Bench', '--owner', email);
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/w\//);
    const workspaceId = /\/w\/([^/]+)/.exec(page.url())![1]!;

    const markdown = generateMarkdown(WORDS);
    const t0 = Date.now();
    const res = await page.request.post(`${BASE}/api/workspaces/${workspaceId}/documents`, {
      data: { title: 'Generated brief', format: 'markdown', content: markdown },
    });
    const importMs = Date.now() - t0;
    if (res.status() !== 201) throw new Error(`Import failed: ${res.status()} ${await res.text()}`);
    const { url, words } = (await res.json()) as { url: string; words: number };

    const results: Record<string, number> = { words, importMs };
    const runs = 3;
    const opens: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${BASE}${url}`);
      await page.locator('.ProseMirror h2').last().waitFor({ state: 'attached', timeout: 60_000 });
      // Two animation frames after the last block exists: the text has been painted.
      opens.push((await page.evaluate(PAINTED_AT)) as number);
    }
    results.readerOpenMs = percentile(opens, 50);
    const readerFrames = await scrollFrames(page);
    results.readerScrollP95Ms = percentile(readerFrames, 95);

    // Baseline: the same text as a static page, no editor, no app.
    const html = `<!doctype html><html><body style="max-width:42rem;margin:auto;font:18px/1.7 Georgia,serif">${markdownToHtml(markdown)}</body></html>`;
    const statics: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = Date.now();
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.body.offsetHeight');
      statics.push(Date.now() - start);
    }
    results.staticOpenMs = percentile(statics, 50);
    results.staticScrollP95Ms = percentile(await scrollFrames(page), 95);
    results.scrollRatio = Number((results.readerScrollP95Ms / results.staticScrollP95Ms).toFixed(2));
    await browser.close();

    console.log(
      `Reader, ${words.toLocaleString('en')}-word document (median of ${runs} opens; ${readerFrames.length} scroll frames):`,
    );
    console.log(`  import (HTTP, parse + store):        ${importMs} ms`);
    console.log(
      `  open until painted:                  ${results.readerOpenMs.toFixed(0)} ms (static page baseline: ${results.staticOpenMs} ms)`,
    );
    console.log(
      `  scrolling, p95 frame:                ${results.readerScrollP95Ms.toFixed(1)} ms (static page: ${results.staticScrollP95Ms.toFixed(1)} ms, ratio ${results.scrollRatio})`,
    );
    console.log(JSON.stringify(results));
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
