import { expect, test } from './fixtures';
import {
  ADMIN,
  createInviteLink,
  createWorkspace,
  PASSWORD,
  signIn,
  signInAfterSignUp,
  signOut,
  signUp,
} from './pages';

/**
 * The foundation, as a new team meets it: the first account becomes administrator and owner of
 * the demo workspace, creates a workspace, invites a colleague as a viewer, and the colleague reads it without changing it.
 * The tests run in order on one fresh server and share what they create.
 */
test.describe.configure({ mode: 'serial' });

const admin = ADMIN;
const viewer = { name: 'Moussa Keïta', email: 'moussa@example.org' };
let workspaceId = '';
let privateWorkspaceId = '';

test('the first user to sign up becomes the administrator and owns the demo workspace', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('link', { name: 'Create one' }).click();
  await expect(page.getByText('the first account becomes its administrator')).toBeVisible();

  // A mismatched confirmation is refused with a field error, and what was typed stays.
  await signUp(page, admin);
  await page.getByLabel('Confirm password').fill('something else entirely');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('The two passwords differ.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(admin.email);

  await signUp(page, admin);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByLabel('Email')).toHaveValue(admin.email);
  await signInAfterSignUp(page);
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();

  // There is no demo login: the demo workspace is theirs, with its three demo analysts (accounts
  // that cannot sign in), and nobody else's.
  await expect(page.getByRole('list', { name: 'Workspaces' }).getByRole('link')).toHaveText([
    /Demo: Sahel hostage briefing.*Owner · 4 members/,
  ]);
  await page.getByRole('link', { name: /Demo: Sahel hostage briefing/ }).click();
  await expect(page.getByText('Your role: Owner')).toBeVisible();
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(5);
  await expect(page.getByRole('table')).toContainText(admin.email);
  await expect(page.getByRole('table')).toContainText('mariam.coulibaly@warrant.invalid');
});

test('a signed-in user creates a workspace, renames it and switches between workspaces', async ({ page }) => {
  await signIn(page, admin.email);
  privateWorkspaceId = await createWorkspace(page, 'Owners only');
  workspaceId = await createWorkspace(page, 'Sahel desk draft');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Workspace name' }).fill('Sahel desk');
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('status')).toHaveText('Workspace renamed.');
  await expect(page.getByRole('heading', { level: 1, name: 'Sahel desk' })).toBeVisible();

  await page.getByLabel('Switch workspace').selectOption({ label: 'Owners only' });
  await expect(page).toHaveURL(new RegExp(`/w/${privateWorkspaceId}$`));
  await page.goto('/workspaces');
  await expect(page.getByRole('list', { name: 'Workspaces' }).getByRole('link')).toHaveText([
    /Demo: Sahel hostage briefing.*Owner · 4 members/,
    /Owners only.*Owner · 1 member/,
    /Sahel desk.*Owner · 1 member/,
  ]);
});

test('an owner invites a viewer by link; the viewer signs up through it and reads the workspace read-only', async ({
  page,
  newUserPage,
}) => {
  await signIn(page, admin.email);
  const link = await createInviteLink(page, workspaceId, 'Viewer');
  await expect(page.getByRole('list', { name: 'Pending invites' })).toContainText('Viewer');

  const guest = await newUserPage();
  await guest.goto(link);
  await expect(guest.getByRole('heading', { name: /invited to Sahel desk as viewer/ })).toBeVisible();
  await signUp(guest, viewer);
  await guest.getByRole('button', { name: 'Create account and join' }).click();
  await signInAfterSignUp(guest);
  await expect(guest).toHaveURL(new RegExp(`/w/${workspaceId}$`));
  await expect(guest.getByText('Your role: Viewer')).toBeVisible();
  await expect(guest.getByRole('note')).toContainText('read-only access');
  await expect(guest.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(guest.getByRole('link', { name: 'Administration' })).toHaveCount(0);

  await guest.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Members' }).click();
  await expect(guest.getByRole('table')).toContainText(admin.name);
  await expect(guest.getByRole('button', { name: 'Create invite link' })).toHaveCount(0);
  await expect(guest.getByLabel(`Role of ${admin.name}`)).toHaveCount(0);
  await expect(guest.getByRole('button', { name: `Remove ${admin.name}` })).toHaveCount(0);

  // The link worked once.
  const again = await newUserPage();
  await again.goto(link);
  await expect(again.getByRole('heading', { name: 'This invite link cannot be used' })).toBeVisible();

  // The owner sees the new member.
  await page.reload();
  await expect(page.getByRole('table')).toContainText(viewer.email);
});

test('a page of another workspace shows not-found, the same as one that does not exist', async ({ page }) => {
  await signIn(page, viewer.email);
  for (const path of [
    `/w/${privateWorkspaceId}`,
    `/w/${privateWorkspaceId}/members`,
    '/w/no-such-workspace',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  }
  // A viewer asking for an owners-only page of their own workspace gets the same answer.
  expect((await page.goto(`/w/${workspaceId}/settings`))?.status()).toBe(404);
  expect((await page.goto('/admin'))?.status()).toBe(404);
});

test('sign-out ends the session, even for a copy of its cookie', async ({ page, context }) => {
  await signIn(page, viewer.email);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await signOut(page);
  await page.goto(`/w/${workspaceId}`);
  await expect(page).toHaveURL(/\/sign-in/);

  // Replaying the old cookie does not bring the session back: the server revoked it.
  await context.addCookies([session!]);
  await page.goto('/workspaces');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('removing a member takes effect on their next request', async ({ page, newUserPage }) => {
  const member = await newUserPage();
  await signIn(member, viewer.email);
  await member.goto(`/w/${workspaceId}`);
  await expect(member.getByText('Your role: Viewer')).toBeVisible();

  await signIn(page, admin.email);
  await page.goto(`/w/${workspaceId}/members`);
  await page.getByRole('button', { name: `Remove ${viewer.name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('table')).not.toContainText(viewer.email);

  expect((await member.reload())?.status()).toBe(404);
});

test('changing the password signs out the other sessions', async ({ page, newUserPage }) => {
  const elsewhere = await newUserPage();
  await signIn(elsewhere, viewer.email);
  await signIn(page, viewer.email);
  await page.goto('/account');
  // A token needs the current password too; the password change will revoke it.
  const tokens = page.getByRole('form', { name: 'Create a personal access token' });
  await tokens.getByLabel('Token name').fill('Nightly script');
  await tokens.getByLabel('Current password').fill('not my password');
  await tokens.getByRole('button', { name: 'Create token' }).click();
  await expect(tokens.getByLabel('Current password')).toHaveAccessibleDescription(
    /Your current password is not correct\./,
  );
  await expect(page.getByLabel('New token')).toHaveCount(0);
  await tokens.getByLabel('Token name').fill('Nightly script');
  await tokens.getByLabel('Current password').fill(PASSWORD);
  await tokens.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByLabel('New token')).toHaveValue(/^wrn_/);

  const change = page.getByRole('form', { name: 'Change password' });
  await change.getByLabel('Current password').fill('not my password');
  await change.getByLabel('New password', { exact: true }).fill('a newer test password');
  await change.getByLabel('Confirm new password').fill('a newer test password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByLabel('Current password')).toHaveAccessibleDescription(
    'Your current password is not correct.',
  );

  await change.getByLabel('Current password').fill(PASSWORD);
  await change.getByLabel('New password', { exact: true }).fill('a newer test password');
  await change.getByLabel('Confirm new password').fill('a newer test password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByRole('status')).toHaveText(
    // Earlier tests left this account signed in elsewhere too: at least the one above ends.
    /^Password changed\. \d+ other sessions? (was|were) signed out and 1 API token was revoked\.$/,
  );

  await elsewhere.goto('/workspaces');
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await page.goto('/workspaces');
  await expect(page).toHaveURL(/\/workspaces$/);
});

test('an administrator opens sign-up and disables an account, which ends its sessions at once', async ({
  page,
  newUserPage,
}) => {
  const visitor = await newUserPage();
  await visitor.goto('/sign-up');
  await expect(visitor.getByRole('heading', { name: 'Sign-up is by invitation' })).toBeVisible();

  await signIn(page, admin.email);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('button', { name: 'Turn open sign-up on' }).click();
  await expect(page.getByRole('status')).toHaveText('Open sign-up is on.');

  await visitor.goto('/sign-up');
  await signUp(visitor, { name: 'Open Door', email: 'open@example.org' });
  await visitor.getByRole('button', { name: 'Create account' }).click();
  await signInAfterSignUp(visitor);
  await expect(visitor).toHaveURL(/\/workspaces$/);

  await expect(visitor.getByRole('link', { name: 'Administration' })).toHaveCount(0);

  await page.reload();
  await page.getByRole('button', { name: 'Disable open@example.org' }).click();
  await expect(page.getByRole('row', { name: /open@example\.org/ })).toContainText('Disabled');
  await visitor.reload();
  await expect(visitor).toHaveURL(/\/sign-in/);
  await visitor.getByLabel('Email').fill('open@example.org');
  await visitor.getByLabel('Password').fill(PASSWORD);
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'Incorrect email or password.',
  );

  await page.getByRole('button', { name: 'Turn open sign-up off' }).click();
  await expect(page.getByRole('status')).toHaveText('Open sign-up is off.');
});

test("sign-up answers a taken email exactly as a free one, and the account stays its owner's", async ({
  page,
  newUserPage,
}) => {
  await signIn(page, admin.email);
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('button', { name: 'Turn open sign-up on' }).click();
  await expect(page.getByRole('status')).toHaveText('Open sign-up is on.');

  const prober = await newUserPage();
  await prober.goto('/sign-up');
  // A taken email (the viewer's): the same answer as a free one, and the prober's password fails.
  await signUp(prober, { name: 'Prober', email: viewer.email, password: 'the prober password' });
  await prober.getByRole('button', { name: 'Create account' }).click();
  await expect(prober.getByRole('status')).toHaveText('Your account is ready. Sign in to continue.');
  const probe = prober.getByRole('form', { name: 'Sign in' });
  await probe.getByLabel('Password').fill('the prober password');
  await probe.getByRole('button', { name: 'Sign in' }).click();
  await expect(probe.getByRole('alert')).toHaveText('Incorrect email or password.');

  await page.getByRole('button', { name: 'Turn open sign-up off' }).click();
  await expect(page.getByRole('status')).toHaveText('Open sign-up is off.');
});

test('11 wrong passwords give a rate-limit message', async ({ page }) => {
  await page.goto('/sign-in');
  // An address nobody has (throttled exactly like an account): the administrator is the demo
  // workspace's owner for later specs, and the viewer's email was probed above.
  await page.getByLabel('Email').fill('nobody-here@example.org');
  const alert = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
  for (let attempt = 1; attempt <= 10; attempt++) {
    const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await page.getByLabel('Password').fill(`wrong password ${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answered).status()).toBe(401);
    await expect(alert).toHaveText('Incorrect email or password.');
  }
  const throttled = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
  await page.getByLabel('Password').fill('a newer test password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await throttled;
  expect(response.status()).toBe(429);
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(800);
  await expect(alert).toHaveText(/Too many failed sign-in attempts\. Try again in 1[45] minutes\./);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('every response carries the security headers', async ({ page }) => {
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  const csp = headers['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
    expect(csp).toContain(directive);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  // The nonce differs per request.
  const second = (await page.goto('/sign-in'))!.headers()['content-security-policy'];
  expect(second).not.toBe(csp);
});
