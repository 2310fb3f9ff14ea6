import { expect, type Locator, type Page } from '@playwright/test';
import type { RoleLabel } from '../lib/permissions';

/** Page objects: the steps a person takes, named as they would name them. */
export const PASSWORD = 'a long test password';

export async function signUp(
  page: Page,
  { name, email, password = PASSWORD }: { name: string; email: string; password?: string },
) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.goto('/workspaces');
  await page.getByLabel('Workspace name').fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return /\/w\/([^/]+)/.exec(page.url())![1]!;
}

export async function createInviteLink(page: Page, workspaceId: string, role: RoleLabel) {
  await page.goto(`/w/${workspaceId}/members`);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByLabel('Invite link');
  await expect(link).toHaveValue(/\/invite\//);
  return link.inputValue();
}

/**
 * The instance's first account: its administrator, and so the owner of the demo workspace (there
 * is no demo login). foundation.spec.ts creates it; openDemoWorkspace creates it when a spec runs
 * alone on a fresh server.
 */
export const ADMIN = { name: 'Awa Traoré', email: 'awa@example.org' };

/** Signs in as the owner of the demo workspace (the administrator) and returns the workspace's id. */
export async function openDemoWorkspace(page: Page): Promise<string> {
  await page.goto('/sign-up');
  if (await page.getByText('the first account becomes its administrator').count()) {
    await signUp(page, ADMIN);
    await page.getByRole('button', { name: 'Create account' }).click();
    await signInAfterSignUp(page);
    await expect(page).toHaveURL(/\/workspaces$/);
  } else {
    await signIn(page, ADMIN.email);
  }
  await page.goto('/workspaces');
  await page.getByRole('link', { name: /Demo: Sahel hostage briefing/ }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
  return /\/w\/([^/]+)/.exec(page.url())![1]!;
}

export async function pasteDocument(
  page: Page,
  workspaceId: string,
  { title, format, text }: { title: string; format: 'Plain text' | 'Markdown' | 'HTML'; text: string },
) {
  await page.goto(`/w/${workspaceId}/documents/new`);
  await page.getByLabel('Format').selectOption({ label: format });
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Import document' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole('document', { name: title })).toBeVisible();
  return /\/documents\/([^/]+)$/.exec(page.url())![1]!;
}

/** Selects the first occurrence of `text` inside an element, as a user dragging over it would. */
export async function selectText(target: Locator, text: string) {
  // The reader fetches its text after the page loads: wait until it is in place.
  await expect(target).not.toHaveAttribute('aria-busy', 'true');
  await target.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`Text not found: ${wanted}`);
  }, text);
}

export interface ClaimInput {
  statement: string;
  type: string;
  amount?: string;
  unit?: string;
  topic?: string;
}

/** Selects a passage in the reader and makes a claim of it; the claim opens in the side panel. */
export async function makeClaim(page: Page, documentTitle: string, quote: string, fields: ClaimInput) {
  const reader = page.getByRole('document', { name: documentTitle });
  await selectText(reader, quote);
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Make claim' }).click();
  const form = page.getByRole('form', { name: 'New claim' });
  await expect(form.getByRole('blockquote')).toHaveText(`“${quote}”`);
  await form.getByLabel('Statement').fill(fields.statement);
  await form.getByLabel('Claim type').selectOption({ label: fields.type });
  if (fields.amount) await form.getByLabel('Quantity').fill(fields.amount);
  if (fields.unit) await form.getByLabel('Unit').fill(fields.unit);
  if (fields.topic) await form.getByLabel('Topic (the question it answers)').fill(fields.topic);
  await form.getByRole('button', { name: 'Create claim' }).click();
  await expect(page.getByRole('article', { name: `Claim: ${fields.statement}` })).toBeVisible();
}

/** Records the user's own assessment on the open claim. */
export async function assess(
  claim: Locator,
  { likelihood, confidence, rationale }: { likelihood: string; confidence: string; rationale: string },
) {
  const form = claim.getByRole('form', { name: 'Your assessment' });
  await form.getByLabel('Likelihood').selectOption({ label: likelihood });
  await form.getByLabel('Confidence').selectOption(confidence);
  await form.getByLabel('Rationale').fill(rationale);
  await form.getByRole('button', { name: 'Record my assessment' }).click();
}

/** Opens an invite link in a fresh browser context and creates the account there. */
export async function joinWithInvite(page: Page, link: string, name: string, email: string) {
  await page.goto(link);
  await signUp(page, { name, email });
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await signInAfterSignUp(page);
  await expect(page).toHaveURL(/\/w\/[^/]+$/);
}

/**
 * After "Create account": sign-up answers the same for a free and a taken email ("Your account
 * is ready. Sign in to continue.") and offers the sign-in form with the email filled in.
 */
export async function signInAfterSignUp(page: Page, password = PASSWORD) {
  await expect(page.getByRole('status')).toHaveText('Your account is ready. Sign in to continue.');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-(in|up)/);
}

/**
 * Makes a personal access token on the account page and returns it; the form asks for the
 * signed-in user's current password (the test password by default).
 */
export async function createApiToken(page: Page, name: string, password = PASSWORD): Promise<string> {
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Create a personal access token' });
  await form.getByLabel('Token name').fill(name);
  await form.getByLabel('Current password').fill(password);
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = page.getByLabel('New token');
  await expect(token).not.toHaveValue('');
  return token.inputValue();
}
