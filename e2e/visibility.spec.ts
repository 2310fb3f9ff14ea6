import { createInviteLink, joinWithInvite, openDemoWorkspace } from './pages';
import { expect, test } from './fixtures';

/**
 * What members see of each other: emails are for owners; two members with the same name are
 * mentioned by distinct labels, and the bare shared name is refused with a clear message.
 */
test('namesakes are mentioned unambiguously and emails stay with owners', async ({ page, newUserPage }) => {
  // Three accounts are created (Argon2 hashing each): more than the default budget on a busy machine.
  test.setTimeout(150_000);
  const ws = await openDemoWorkspace(page);
  const stamp = Date.now();
  const people = [
    { name: 'Ana Costa', email: `ana-one-${stamp}@example.org`, role: 'Editor' as const },
    { name: 'Ana Costa', email: `ana-two-${stamp}@example.org`, role: 'Editor' as const },
    { name: 'Vera Lind', email: `vera-${stamp}@example.org`, role: 'Viewer' as const },
  ];
  let vera = page;
  for (const person of people) {
    const link = await createInviteLink(page, ws, person.role);
    const other = await newUserPage();
    await joinWithInvite(other, link, person.name, person.email);
    vera = other;
  }

  // A viewer sees names and roles, and only their own email.
  await vera.goto(`/w/${ws}/members`);
  const seenByVera = vera.getByRole('table', { name: 'Members' });
  await expect(seenByVera).toContainText('Vera Lind');
  await expect(seenByVera).toContainText(people[2]!.email);
  await expect(seenByVera).not.toContainText(people[0]!.email);
  await expect(seenByVera.getByText(/@/)).toHaveCount(1); // her own address only
  // The owner sees everyone's.
  await page.goto(`/w/${ws}/members`);
  const seenByOwner = page.getByRole('table', { name: 'Members' });
  for (const person of people) await expect(seenByOwner).toContainText(person.email);

  // Mentions: the picker offers each namesake by a distinct label.
  const found = await page.request.get(
    `/api/workspaces/${ws}/claims?q=${encodeURIComponent('206 prisoners')}`,
  );
  const { claims } = (await found.json()) as { claims: { id: string }[] };
  await page.goto(`/w/${ws}/claims/${claims[0]!.id}`);
  const discussion = page.getByRole('region', { name: 'Discussion' });
  const picker = discussion.getByLabel('Mention a member').first();
  await expect(picker.getByRole('option', { name: 'Ana Costa (1)' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'Ana Costa (2)' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'Ana Costa', exact: true })).toHaveCount(0);

  const box = discussion.getByLabel('New comment');
  await box.fill('Which count is right, @Ana Costa?');
  await discussion.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(discussion.getByRole('alert')).toContainText(
    'Several members are called “Ana Costa”: write @Ana Costa (1) or @Ana Costa (2)',
  );

  await box.fill('Which count is right? ');
  await picker.selectOption({ label: 'Ana Costa (2)' });
  await expect(box).toHaveValue('Which count is right? @Ana Costa (2) ');
  await discussion.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(discussion.getByRole('article').filter({ hasText: 'Which count is right?' })).toContainText(
    '@Ana Costa (2)',
  );
});
