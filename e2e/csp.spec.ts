import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openDemoWorkspace } from './pages';

/**
 * Every page loads its scripts under the nonce Content-Security-Policy: no violation is reported
 * (the fixture also fails on the console errors a refused script logs), and the page is
 * interactive (its link navigates on the client, without a full page load).
 */
declare global {
  interface Window {
    __cspViolations?: string[];
    __samePageLoad?: boolean;
  }
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

async function expectNoViolations(page: Page) {
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => window.__cspViolations), `CSP violations on ${page.url()}`).toEqual([]);
}

/** Marks the loaded document; a client-side navigation keeps the mark, a full load loses it. */
async function markDocument(page: Page) {
  await page.evaluate(() => (window.__samePageLoad = true));
}
const stillSameDocument = (page: Page) => page.evaluate(() => window.__samePageLoad === true);

test('an unknown URL shows the not-found page, loads its scripts and its link works (anonymous)', async ({
  page,
}) => {
  // An anonymous visitor reaches the root not-found page through a public prefix (proxy.ts).
  const response = await page.goto('/favicon/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('link', { name: 'Go to your workspaces' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoViolations(page);
});

test('an unknown URL shows the not-found page, loads its scripts and its link works (signed in)', async ({
  page,
}) => {
  await openDemoWorkspace(page);
  for (const path of ['/no-such-page', '/w/no-such-workspace/claims/no-such-claim']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await expectNoViolations(page);
  }
  await markDocument(page);
  await page.getByRole('link', { name: 'Go to your workspaces' }).click();
  // "/" lists the workspaces, or opens the only one.
  await expect(page).toHaveURL(/\/(workspaces|w\/[^/]+)$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await stillSameDocument(page), 'the link navigated on the client').toBe(true);
  await expectNoViolations(page);
});

test('the sign-in, sign-up, workspace, account and administration pages load their scripts', async ({
  page,
}) => {
  for (const path of ['/sign-in', '/sign-up']) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  const workspaceId = await openDemoWorkspace(page);
  for (const path of ['/workspaces', `/w/${workspaceId}`, `/w/${workspaceId}/members`, '/account']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expectNoViolations(page);
  }
  // Interactive: a client-side navigation from the workspace list.
  await page.goto('/workspaces');
  await markDocument(page);
  await page.getByRole('link', { name: /Demo: Sahel hostage briefing/ }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}$`));
  expect(await stillSameDocument(page)).toBe(true);
  await expectNoViolations(page);
});
