import { expect, test } from './fixtures';
import {
  createInviteLink,
  createWorkspace,
  joinWithInvite,
  makeClaim,
  openDemoWorkspace,
  pasteDocument,
} from './pages';

/**
 * A claim's discussion (issue 15): a posted comment shows rendered, an owner deletes another
 * member's comment after confirming, a comment past the structural limits is refused with a
 * message naming the limit, and a long discussion shows its newest threads with a button for
 * the earlier ones.
 */
// Our own note on a ferry inquiry.
const TITLE = 'Harbour log, Saint-Brieuc';
const TEXT = [
  'The ferry left the harbour at 09:40, two hours after its slot.',
  'The harbour clerk noted a crate count of 412 on the manifest.',
].join('\n\n');

test('comments render, owners delete others’ comments, long discussions show earlier comments on request', async ({
  page,
  newUserPage,
}) => {
  // Two accounts (Argon2 hashing) and 55 comments: more than the default budget on a busy machine.
  test.setTimeout(180_000);
  await openDemoWorkspace(page);
  const stamp = Date.now();
  const ws = await createWorkspace(page, `Ferry desk ${stamp}`);
  const invite = await createInviteLink(page, ws, 'Editor');
  const documentId = await pasteDocument(page, ws, { title: TITLE, format: 'Plain text', text: TEXT });
  await page.goto(`/w/${ws}/documents/${documentId}`);
  await makeClaim(page, TITLE, 'two hours after its slot', {
    statement: 'The ferry left two hours late',
    type: 'Event',
  });
  const found = await page.request.get(`/api/workspaces/${ws}/claims?q=${encodeURIComponent('two hours')}`);
  const { claims } = (await found.json()) as { claims: { id: string }[] };
  const claimUrl = `/w/${ws}/claims/${claims[0]!.id}`;

  // The owner writes a comment; an editor joins and writes one in Markdown: it shows rendered.
  await page.goto(claimUrl);
  const ownerDiscussion = page.getByRole('region', { name: 'Discussion' });
  await ownerDiscussion.getByLabel('New comment').fill('Who checked the slot times?');
  await ownerDiscussion.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(ownerDiscussion.getByRole('article', { name: 'Comment by Awa Traoré' })).toContainText(
    'Who checked the slot times?',
  );

  const ana = await newUserPage();
  await joinWithInvite(ana, invite, 'Ana Costa', `ana-${stamp}@example.org`);
  await ana.goto(claimUrl);
  const anaDiscussion = ana.getByRole('region', { name: 'Discussion' });
  await anaDiscussion
    .getByLabel('New comment')
    .fill('**Checked**: the [harbour log](https://example.org/log) says `09:40`.\n\n> two hours late');
  await anaDiscussion.getByRole('button', { name: 'Comment', exact: true }).click();
  const anasComment = anaDiscussion.getByRole('article', { name: 'Comment by Ana Costa' });
  const rendered = anasComment.locator('.comment-body');
  await expect(rendered.locator('strong')).toHaveText('Checked');
  await expect(rendered.locator('code')).toHaveText('09:40');
  await expect(rendered.getByRole('blockquote')).toHaveText('two hours late');
  const link = rendered.getByRole('link', { name: 'harbour log' });
  await expect(link).toHaveAttribute('href', 'https://example.org/log');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  // An editor may delete only her own comment.
  await expect(anasComment.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expect(
    anaDiscussion
      .getByRole('article', { name: 'Comment by Awa Traoré' })
      .getByRole('button', { name: 'Delete' }),
  ).toHaveCount(0);

  // "@" and the start of a name offers the members; Enter puts the mention in.
  const box = anaDiscussion.getByLabel('New comment');
  await box.fill('');
  await box.pressSequentially('Asking @Aw');
  const offered = anaDiscussion.getByRole('listbox', { name: 'Members to mention' });
  await expect(offered.getByRole('option')).toHaveText(['Awa Traoré']);
  await expect(offered.getByRole('option', { name: 'Awa Traoré' })).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(box).toHaveValue('Asking @Awa Traoré ');
  await expect(offered).toHaveCount(0);
  await box.pressSequentially('and @zz');
  await expect(offered).toHaveCount(0);
  await box.fill('');

  // A comment past the structural limits is refused, naming the limit.
  await anaDiscussion.getByLabel('New comment').fill(`${'>'.repeat(2_000)} planted`);
  await anaDiscussion.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(anaDiscussion.getByRole('alert')).toHaveText(
    'Nest quotes and lists at most 10 levels deep (line 1 goes 2,000 levels deep).',
  );
  await anaDiscussion.getByLabel('New comment').fill('');

  // The owner deletes Ana's comment, after confirming.
  const seenByOwner = ownerDiscussion.getByRole('article', { name: 'Comment by Ana Costa' });
  await expect(seenByOwner).toContainText('the harbour log says 09:40');
  await seenByOwner.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Ana Costa’s comment?' });
  await expect(confirm).toContainText('the workspace’s activity log records that you deleted it');
  await confirm.getByRole('button', { name: 'Delete comment' }).click();
  await expect(seenByOwner).toHaveCount(0);
  // Ana's open page loses it too, without a reload.
  await expect(anasComment).toHaveCount(0);

  // A long discussion: the newest 50 threads, and a button for the earlier ones.
  for (let i = 1; i <= 55; i++) {
    const posted = await page.request.post(`/api/claims/${claims[0]!.id}/comments`, {
      data: { body: `Harbour note ${i}.` },
    });
    expect(posted.status()).toBe(201);
  }
  await page.goto(claimUrl);
  const threads = ownerDiscussion.getByRole('list').first().locator(':scope > li');
  await expect(threads).toHaveCount(50);
  await expect(threads.first()).toContainText('Harbour note 6.');
  await expect(threads.last()).toContainText('Harbour note 55.');
  await expect(ownerDiscussion).not.toContainText('Who checked the slot times?');
  await ownerDiscussion.getByRole('button', { name: 'Show earlier comments' }).click();
  await expect(threads).toHaveCount(56);
  await expect(threads.first()).toContainText('Who checked the slot times?');
  await expect(ownerDiscussion.getByRole('button', { name: 'Show earlier comments' })).toHaveCount(0);
});
