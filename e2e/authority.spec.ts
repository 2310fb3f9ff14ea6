import { expect, test } from './fixtures';
import { ADMIN, createInviteLink, createWorkspace, joinWithInvite, signIn } from './pages';

/**
 * Authority, end to end (issue 11, defects 5 and 7): an invite ends with its creator's right to
 * invite, on both ways of using it; an administrator promotes and demotes; nobody is left
 * without an administrator from the web.
 */
test.describe.configure({ mode: 'serial' });

const coOwner = { name: 'Chidi Okafor', email: 'chidi@authority.example.org' };

test("a removed owner's earlier invites no longer work, signed in or not", async ({ page, newUserPage }) => {
  // Three people in three browsers, many steps: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  await signIn(page, ADMIN.email);
  const workspaceId = await createWorkspace(page, 'Handover desk');
  const ownerLink = await createInviteLink(page, workspaceId, 'Owner');

  const chidi = await newUserPage();
  await joinWithInvite(chidi, ownerLink, coOwner.name, coOwner.email);
  await expect(chidi.getByText('Your role: Owner')).toBeVisible();
  // Before losing the role, Chidi makes a link for someone else and one to come back with.
  const forNewcomer = await createInviteLink(chidi, workspaceId, 'Editor');
  const comeback = await createInviteLink(chidi, workspaceId, 'Owner');

  // Chidi's comeback link is opened in a session that waits on the page, then the admin demotes
  // Chidi: joining from the open page is refused.
  await chidi.goto(comeback);
  await expect(chidi.getByRole('button', { name: 'Join workspace' })).toBeVisible();

  await page.goto(`/w/${workspaceId}/members`);
  await expect(page.getByRole('list', { name: 'Pending invites' }).getByRole('listitem')).toHaveCount(2);
  await page.getByLabel(`Role of ${coOwner.name}`, { exact: true }).selectOption({ label: 'Viewer' });
  // The select shows the choice at once: wait for the server action's answer (the change committed).
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/members'));
  await page.getByRole('button', { name: `Save role of ${coOwner.name}` }).click();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByLabel(`Role of ${coOwner.name}`, { exact: true })).toHaveValue('viewer');
  // Chidi's pending invites went with the owner role.
  await page.reload();
  await expect(page.getByText('No pending invites.')).toBeVisible();

  await page.getByRole('button', { name: `Remove ${coOwner.name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('table')).not.toContainText(coOwner.email);

  await chidi.getByRole('button', { name: 'Join workspace' }).click();
  await expect(chidi.getByRole('alert').filter({ hasText: 'This invite link' })).toHaveText(
    'This invite link is invalid, expired, already used or withdrawn. Ask a workspace owner for a new one.',
  );
  expect((await chidi.goto(`/w/${workspaceId}`))?.status()).toBe(404);

  // A newcomer with Chidi's other link cannot sign up through it.
  const newcomer = await newUserPage();
  await newcomer.goto(forNewcomer);
  await expect(newcomer.getByRole('heading', { name: 'This invite link cannot be used' })).toBeVisible();
  await expect(newcomer.getByText(/was withdrawn/)).toBeVisible();
  await expect(newcomer.getByRole('button', { name: 'Create account and join' })).toHaveCount(0);
});

test('an administrator promotes and demotes another account; the last one is kept', async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.goto('/admin');
  await page.getByRole('button', { name: `Make administrator: ${coOwner.email}` }).click();
  const demote = page.getByRole('button', { name: `Remove administrator: ${coOwner.email}` });
  await expect(demote).toBeVisible();
  await demote.click();
  await expect(page.getByRole('button', { name: `Make administrator: ${coOwner.email}` })).toBeVisible();

  // The demo content account is listed, cannot sign in, and offers no controls.
  const demo = page.getByRole('row').filter({ hasText: 'demo-content@warrant.invalid' });
  await expect(demo).toContainText('Holds the demo content; cannot sign in');
  await expect(demo.getByRole('button')).toHaveCount(0);
  // The administrator's own row offers nothing that would leave the instance without one.
  const own = page.getByRole('row').filter({ hasText: ADMIN.email });
  await expect(own).toHaveCount(1);
  await expect(own.getByRole('button')).toHaveCount(0);
});

test('a pending invite gets a new link: the old link stops working, the new one joins', async ({
  page,
  newUserPage,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN.email);
  const workspaceId = await createWorkspace(page, `Relink desk ${Date.now()}`);
  const lost = await createInviteLink(page, workspaceId, 'Viewer');

  // Only a hash of the token is kept, so the lost link cannot be shown again: "New link" makes
  // another for the same invite, to copy, and says that the previous one no longer works.
  const pending = page.getByRole('list', { name: 'Pending invites' });
  await expect(pending.getByRole('listitem')).toHaveCount(1);
  await pending.getByRole('button', { name: /^New link for the viewer invite/ }).click();
  await expect(pending.getByRole('status')).toContainText('the previous link no longer works');
  const field = pending.getByLabel('New invite link');
  await expect(field).toHaveValue(/\/invite\//);
  const renewed = await field.inputValue();
  expect(renewed).not.toBe(lost);
  await expect(pending.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await page.reload();
  await expect(pending.getByRole('listitem')).toHaveCount(1);

  const late = await newUserPage();
  await late.goto(lost);
  await expect(late.getByRole('heading', { name: 'This invite link cannot be used' })).toBeVisible();

  const guest = await newUserPage();
  await joinWithInvite(guest, renewed, 'Lena Okonkwo', `lena-${Date.now()}@authority.example.org`);
  await expect(guest.getByText('Your role: Viewer')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No pending invites.')).toBeVisible();
});
