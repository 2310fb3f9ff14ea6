import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ErrorPage from '../app/error';
import GlobalError from '../app/global-error';
import { expect, test } from './fixtures';
import { appPages, expectAccessible } from './axe';
import { createInviteLink, openDemoWorkspace, PASSWORD, pasteDocument, selectText, signIn } from './pages';

/**
 * Accessibility: axe-core on every page of the app, in its demo state and with its panels,
 * menus and dialogs open. No serious or critical violation may be found. The list of pages is
 * checked against the app/ folder, so a new page without a visit here fails the suite.
 */
test.describe.configure({ mode: 'serial' });

const admin = { email: 'a11y-admin@example.org', name: 'Ada Access' };
const ids = {
  workspace: '',
  document: '',
  claim: '',
  source: '',
  topic: '',
  desk: '',
  edited: '',
  invite: '',
};
const storage = { owner: '', admin: '' };

async function savedSession(browser: Browser, file: string, signInAs: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page);
  await context.storageState({ path: file });
  await context.close();
  return file;
}

/** The id in the first link of the page whose address contains `part`. */
async function firstId(page: Page, part: string) {
  const href = await page.locator(`main a[href*="${part}"]`).first().getAttribute('href');
  return new RegExp(`${part}([^/?#]+)`).exec(href ?? '')![1]!;
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  // An administrator of our own, made with the admin CLI on the server's database.
  execFileSync(
    'npx',
    [
      'tsx',
      'scripts/warrant.ts',
      'user',
      'create',
      '--email',
      admin.email,
      '--password',
      PASSWORD,
      '--name',
      admin.name,
      '--admin',
    ],
    {
      cwd: path.join(__dirname, '..'),
      env: {
        ...process.env,
        DATABASE_PATH: path.join(__dirname, '..', 'test-results', 'e2e-data', 'warrant.db'),
        // The server's database when the suite runs on PostgreSQL (npm run test:e2e:postgres).
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      },
      stdio: 'pipe',
    },
  );
  storage.admin = await savedSession(browser, testInfo.outputPath('admin.json'), (p) =>
    signIn(p, admin.email),
  );
  storage.owner = await savedSession(browser, testInfo.outputPath('owner.json'), async (page) => {
    ids.workspace = await openDemoWorkspace(page);
    const w = `/w/${ids.workspace}`;
    await page.goto(`${w}/documents`);
    await page.getByRole('link', { name: 'The October exchange (demo brief)' }).click();
    await expect(page).toHaveURL(/\/documents\/[^/]+$/);
    ids.document = /\/documents\/([^/?]+)/.exec(page.url())![1]!;
    await page.goto(`${w}/evidence?view=claims`);
    ids.claim = await firstId(page, '/claims/');
    await page.goto(`${w}/sources`);
    ids.source = await firstId(page, '/sources/');
    await page.goto(`${w}/topics`);
    ids.topic = await firstId(page, '/topics/');
    ids.invite = await createInviteLink(page, ids.workspace, 'Editor');

    // A desk of our own for the states that change things: a second revision and the trash.
    await page.goto('/workspaces');
    await page.getByLabel('Workspace name').fill('Accessibility desk');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page).toHaveURL(/\/w\/[^/]+$/);
    ids.desk = /\/w\/([^/]+)/.exec(page.url())![1]!;
    ids.edited = await pasteDocument(page, ids.desk, {
      title: 'Convoy note',
      format: 'Plain text',
      text: 'The convoy left at dwan with four trucks.\n\nNo one confirmed the route.',
    });
    const reader = page.getByRole('document', { name: 'Convoy note' });
    await page.getByRole('button', { name: 'Edit text' }).click();
    await selectText(reader, 'dwan');
    await page.keyboard.type('dawn');
    await page.getByRole('button', { name: 'Save as new revision' }).click();
    await expect(page.getByRole('status')).toContainText('Saved as revision 2.');
    const trashed = await pasteDocument(page, ids.desk, {
      title: 'Old rumour',
      format: 'Plain text',
      text: 'A rumour nobody repeated.',
    });
    await page.goto(`/w/${ids.desk}/documents/${trashed}`);
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await expect(page).not.toHaveURL(new RegExp(`/documents/${trashed}`));
  });
});

type Visit = {
  route: string;
  state: string;
  as: 'owner' | 'admin' | 'guest';
  run: (page: Page) => Promise<void>;
};

const w = () => `/w/${ids.workspace}`;
const doc = () => `${w()}/documents/${ids.document}`;
const go = (url: () => string, heading?: string | RegExp) => async (page: Page) => {
  await page.goto(url());
  if (heading) await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
};

const VISITS: Visit[] = [
  {
    route: '/',
    state: 'the home page (redirects to the workspaces)',
    as: 'owner',
    run: go(() => '/', 'Workspaces'),
  },
  { route: '/sign-in', state: 'sign-in', as: 'guest', run: go(() => '/sign-in', 'Sign in') },
  {
    route: '/sign-in',
    state: 'sign-in with a wrong password',
    as: 'guest',
    run: async (page) => {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill('nobody@example.org');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toBeVisible();
    },
  },
  { route: '/sign-up', state: 'sign-up', as: 'guest', run: go(() => '/sign-up') },
  {
    route: '/invite/[token]',
    state: 'an invite, signed out',
    as: 'guest',
    run: go(() => ids.invite, /invited to/),
  },
  {
    route: '/invite/[token]',
    state: 'an invite with passwords that differ',
    as: 'guest',
    run: async (page) => {
      await page.goto(ids.invite);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill('something else');
      await page.getByRole('button', { name: 'Create account and join' }).click();
      await expect(page.getByText('The two passwords differ.')).toBeVisible();
    },
  },
  {
    route: '/invite/[token]',
    state: 'an invite that cannot be used',
    as: 'guest',
    run: go(() => '/invite/no-such-invite', 'This invite link cannot be used'),
  },
  { route: '/workspaces', state: 'workspaces', as: 'owner', run: go(() => '/workspaces', 'Workspaces') },
  { route: '/w/[workspaceId]', state: 'workspace home', as: 'owner', run: go(w) },
  { route: '/w/[workspaceId]/documents', state: 'documents', as: 'owner', run: go(() => `${w()}/documents`) },
  {
    route: '/w/[workspaceId]/documents/new',
    state: 'new document',
    as: 'owner',
    run: go(() => `${w()}/documents/new`),
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]',
    state: 'the reader with its claims',
    as: 'owner',
    run: async (page) => {
      await page.goto(doc());
      await expect(page.getByRole('list', { name: 'Claims' })).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]',
    state: 'the reader with a claim panel open',
    as: 'owner',
    run: async (page) => {
      await page.goto(doc());
      await page.getByRole('list', { name: 'Claims' }).getByRole('button').first().click();
      await expect(page.getByRole('article', { name: /^Claim: / })).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]',
    state: 'the reader with the selection menu, then the claim form, open',
    as: 'owner',
    run: async (page) => {
      await page.goto(doc());
      const reader = page.getByRole('document', { name: 'The October exchange (demo brief)' });
      // The text is fetched after the page loads.
      await expect(reader).toHaveAttribute('aria-busy', 'false');
      // A few words from within one text node of the brief, as a reader would drag over them.
      const words = await reader.evaluate((root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim() ?? '';
          if (text.length > 40) return text.slice(0, 30).trim();
        }
        throw new Error('The brief has no passage long enough to select.');
      });
      await selectText(reader, words);
      const menu = page.getByRole('toolbar', { name: 'Selection' });
      await expect(menu).toBeVisible();
      await expectAccessible(page, 'the reader with the selection menu open');
      await menu.getByRole('button', { name: 'Make claim' }).click();
      await expect(page.getByRole('form', { name: 'New claim' })).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]',
    state: 'the reader with the find bar open on matches',
    as: 'owner',
    run: async (page) => {
      await page.goto(doc());
      await page.getByRole('button', { name: 'Find in document' }).click();
      const bar = page.getByRole('search', { name: 'Find in document' });
      await bar.getByRole('searchbox', { name: 'Find in document' }).fill('the');
      await expect(bar.getByRole('status', { name: 'Matches' })).toHaveText(/^1 of \d+/);
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]',
    state: 'the reader with the move-to-trash confirmation open',
    as: 'owner',
    run: async (page) => {
      await page.goto(doc());
      await page.getByRole('button', { name: 'Move to trash' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]/details',
    state: 'document details',
    as: 'owner',
    run: go(() => `${doc()}/details`),
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]/new-version',
    state: 'new version',
    as: 'owner',
    run: go(() => `${doc()}/new-version`),
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]/revisions',
    state: 'revisions with the difference between two',
    as: 'owner',
    run: async (page) => {
      await page.goto(`/w/${ids.desk}/documents/${ids.edited}/revisions`);
      await expect(page.getByRole('region', { name: 'Changes from revision 1 to revision 2' })).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]/revisions/[number]',
    state: 'an earlier revision',
    as: 'owner',
    run: async (page) => {
      await page.goto(`/w/${ids.desk}/documents/${ids.edited}/revisions/1`);
      await expect(page.getByRole('document', { name: 'Convoy note, revision 1' })).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/documents/[documentId]/revisions/[number]/passages',
    state: 'what happened to the passages after a revision',
    as: 'owner',
    run: async (page) => {
      await page.goto(`/w/${ids.desk}/documents/${ids.edited}/revisions/2/passages`);
      await expect(page.getByRole('heading', { name: /^Passages after revision 2/ })).toBeVisible();
    },
  },
  { route: '/w/[workspaceId]/sources', state: 'sources', as: 'owner', run: go(() => `${w()}/sources`) },
  {
    route: '/w/[workspaceId]/topics',
    state: 'topics, with an owner’s controls',
    as: 'owner',
    run: go(() => `${w()}/topics`),
  },
  {
    route: '/w/[workspaceId]/topics/[topicId]',
    state: 'a topic’s competing claims',
    as: 'owner',
    run: go(() => `${w()}/topics/${ids.topic}`),
  },
  {
    route: '/w/[workspaceId]/sources/[sourceId]',
    state: 'a source',
    as: 'owner',
    run: go(() => `${w()}/sources/${ids.source}`),
  },
  {
    route: '/w/[workspaceId]/evidence',
    state: 'the evidence table',
    as: 'owner',
    run: go(() => `${w()}/evidence`),
  },
  {
    route: '/w/[workspaceId]/evidence',
    state: 'the evidence table grouped by source, sorted',
    as: 'owner',
    run: go(() => `${w()}/evidence?group=source&sort=statement&dir=desc`),
  },
  {
    route: '/w/[workspaceId]/evidence',
    state: 'the evidence table, claims view',
    as: 'owner',
    run: go(() => `${w()}/evidence?view=claims`),
  },
  {
    route: '/w/[workspaceId]/evidence',
    state: 'the evidence table, sources view',
    as: 'owner',
    run: go(() => `${w()}/evidence?view=sources`),
  },
  {
    route: '/w/[workspaceId]/brief',
    state: 'the brief of the demo workspace, to read and print',
    as: 'owner',
    run: async (page) => {
      await page.goto(`${w()}/brief`);
      await expect(page.getByRole('article', { name: 'Brief' })).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/review',
    state: 'the review queue',
    as: 'owner',
    run: go(() => `${w()}/review`),
  },
  {
    route: '/w/[workspaceId]/claims/[claimId]',
    state: 'a claim',
    as: 'owner',
    run: go(() => `${w()}/claims/${ids.claim}`),
  },
  {
    route: '/w/[workspaceId]/claims/[claimId]',
    state: 'a claim with its “Where else?” answered',
    as: 'owner',
    run: async (page) => {
      await page.goto(`${w()}/claims/${ids.claim}`);
      const elsewhere = page.getByRole('region', { name: 'Where else' });
      await elsewhere.getByRole('button', { name: 'Look in the other documents' }).click();
      // The passages found, or why none can be (a quote of a few characters is refused with a message).
      await expect(elsewhere.getByRole('status').or(elsewhere.getByRole('alert'))).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/search',
    state: 'search results',
    as: 'owner',
    run: async (page) => {
      await page.goto(`${w()}/search?q=ransom`);
      await expect(
        page.getByRole('region', { name: 'Search results' }).getByRole('link').first(),
      ).toBeVisible();
    },
  },
  { route: '/w/[workspaceId]/agreement', state: 'agreement', as: 'owner', run: go(() => `${w()}/agreement`) },
  { route: '/w/[workspaceId]/activity', state: 'activity', as: 'owner', run: go(() => `${w()}/activity`) },
  {
    route: '/w/[workspaceId]/notifications',
    state: 'notifications',
    as: 'owner',
    run: go(() => `${w()}/notifications`),
  },
  { route: '/w/[workspaceId]/members', state: 'members', as: 'owner', run: go(() => `${w()}/members`) },
  {
    route: '/w/[workspaceId]/members',
    state: 'members with a removal confirmation open',
    as: 'owner',
    run: async (page) => {
      await page.goto(`${w()}/members`);
      await page.getByRole('button', { name: 'Leave workspace' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  { route: '/w/[workspaceId]/settings', state: 'settings', as: 'owner', run: go(() => `${w()}/settings`) },
  {
    route: '/w/[workspaceId]/trash',
    state: 'the trash with a document',
    as: 'owner',
    run: async (page) => {
      await page.goto(`/w/${ids.desk}/trash`);
      await expect(page.getByText('Old rumour')).toBeVisible();
    },
  },
  {
    route: '/w/[workspaceId]/trash',
    state: 'the trash with a delete-for-good confirmation open',
    as: 'owner',
    run: async (page) => {
      await page.goto(`/w/${ids.desk}/trash`);
      await page.getByRole('button', { name: 'Delete for good: Old rumour' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
  { route: '/account', state: 'account', as: 'owner', run: go(() => '/account') },
  { route: '/admin', state: 'administration', as: 'admin', run: go(() => '/admin') },
  {
    route: '!not-found.tsx',
    state: 'not found',
    as: 'owner',
    run: go(() => '/no-such-page', 'Not found'),
  },
  {
    route: '!not-found.tsx',
    state: 'not found, signed out',
    as: 'guest',
    run: go(() => '/w/no-such-workspace/nothing', /Not found|Sign in/),
  },
  {
    // No page fails on purpose, so the error boundary is rendered as the server renders it and
    // put in place of a page's content, under the app's own stylesheet.
    route: '!error.tsx',
    state: 'the error page',
    as: 'owner',
    run: async (page) => {
      await page.goto('/no-such-page');
      const html = renderToStaticMarkup(
        createElement(ErrorPage, {
          error: Object.assign(new Error('x'), { digest: '1234' }),
          reset: () => {},
        }),
      );
      await page.locator('main').evaluate((main, markup) => (main.outerHTML = markup), html);
      await expect(page.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
    },
  },
  {
    route: '!global-error.tsx',
    state: 'the error page of the root layout',
    as: 'guest',
    run: async (page) => {
      const error = Object.assign(new Error('x'), { digest: '1234' });
      await page.setContent(`<!DOCTYPE html>${renderToStaticMarkup(createElement(GlobalError, { error }))}`);
      await expect(page.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
    },
  },
];

test('every page of the app has a visit in this suite', () => {
  const visited = new Set(VISITS.map((v) => v.route));
  const missing = appPages().filter((route) => !visited.has(route));
  expect(missing, 'pages under app/ that the accessibility suite does not visit').toEqual([]);
});

for (const visit of VISITS) {
  test(`${visit.state} has no serious or critical accessibility violation`, async ({ browser, problems }) => {
    const context = await browser.newContext(
      visit.as === 'guest' ? {} : { storageState: visit.as === 'owner' ? storage.owner : storage.admin },
    );
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`pageerror on ${page.url()}: ${error.message}`));
      await visit.run(page);
      await expectAccessible(page, visit.state);
    } finally {
      await context.close();
    }
  });
}
