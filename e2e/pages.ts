import { expect, type Page } from '@playwright/test';

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

export async function createInviteLink(
  page: Page,
  workspaceId: string,
  role: 'Owner' | 'Reviewer' | 'Editor' | 'Viewer',
) {
  await page.goto(`/w/${workspaceId}/members`);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = page.getByLabel('Invite link');
  await expect(link).toHaveValue(/\/invite\//);
  return link.inputValue();
}
