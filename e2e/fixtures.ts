import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/** Fails a test on any console error or uncaught page error (hydration errors show only so). */
function watch(page: Page, problems: string[]) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The browser logs failed HTTP statuses that a test provokes on purpose (4xx answers);
    // the page itself must handle them, which the tests check.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    problems.push(`console.error on ${page.url()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror on ${page.url()}: ${error.message}`));
}

function watchContext(context: BrowserContext, problems: string[]) {
  context.pages().forEach((p) => watch(p, problems));
  context.on('page', (p) => watch(p, problems));
}

export const test = base.extend<{ problems: string[]; newUserPage: () => Promise<Page> }>({
  problems: [
    async ({}, use) => {
      const problems: string[] = [];
      await use(problems);
      expect(problems, 'console errors or page errors').toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, problems }, use) => {
    watchContext(context, problems);
    await use(context);
  },
  /** A page in a separate browser context: another person at another computer. */
  newUserPage: async ({ browser, problems }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      watchContext(context, problems);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };
