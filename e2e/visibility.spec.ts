import {
  assess,
  createInviteLink,
  createWorkspace,
  joinWithInvite,
  makeClaim,
  openDemoWorkspace,
  pasteDocument,
} from './pages';
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

/**
 * Issue 17, bug 1: under blind assessments the owner's Activity page showed another analyst's
 * likelihood and confidence before the owner had recorded their own. It now withholds them until then.
 */
test('the Activity page keeps blind assessments blind until the owner has assessed', async ({
  page,
  newUserPage,
}) => {
  test.setTimeout(150_000);
  await openDemoWorkspace(page);
  const stamp = Date.now();
  const ws = await createWorkspace(page, `Blind desk ${stamp}`);
  await page.goto(`/w/${ws}/settings`);
  await page.getByLabel('Blind assessments').check();
  await page.getByRole('button', { name: 'Save review settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Assessments are now blind.');
  const invite = await createInviteLink(page, ws, 'Editor');
  const title = 'Kidal note';
  const documentId = await pasteDocument(page, ws, {
    title,
    format: 'Plain text',
    text: 'A notable in Kidal said the convoy carried forty detainees north before dawn.',
  });
  await page.goto(`/w/${ws}/documents/${documentId}`);
  await makeClaim(page, title, 'forty detainees', { statement: 'Forty detainees were moved', type: 'Event' });

  const bakary = await newUserPage();
  await joinWithInvite(bakary, invite, 'Bakary Diallo', `bakary-${stamp}@example.org`);
  await bakary.goto(`/w/${ws}/documents/${documentId}`);
  await bakary.getByRole('list', { name: 'Claims' }).getByRole('button').first().click();
  const claim = bakary.getByRole('article', { name: 'Claim: Forty detainees were moved' });
  await assess(claim, {
    likelihood: 'very likely (80–95%)',
    confidence: 'high',
    rationale: 'Two witnesses agree.',
  });
  await expect(claim.getByText('Assessment saved.')).toBeVisible();

  // The owner has not assessed the claim: Bakary's event is listed, its judgment withheld.
  await page.goto(`/w/${ws}/activity`);
  const log = page.getByRole('table', { name: 'Audit log' });
  // In sentences, with a link to the claim; never as event names or JSON.
  const row = log.getByRole('row').filter({ hasText: 'recorded an assessment' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Bakary');
  await expect(row.getByRole('link', { name: '“Forty detainees were moved”' })).toBeVisible();
  await expect(row).toContainText('Hidden until you record your own assessment of this claim');
  await expect(log).not.toContainText('very likely');
  await expect(log).not.toContainText('assessment.create');
  await expect(log).not.toContainText('{');

  // Once the owner has recorded their own, the log shows both.
  await page.goto(`/w/${ws}/documents/${documentId}`);
  await page.getByRole('list', { name: 'Claims' }).getByRole('button').first().click();
  const mine = page.getByRole('article', { name: 'Claim: Forty detainees were moved' });
  await assess(mine, { likelihood: 'unlikely (20–45%)', confidence: 'low', rationale: 'One source only.' });
  await expect(mine.getByText('Assessment saved.')).toBeVisible();
  await page.goto(`/w/${ws}/activity`);
  await expect(log.getByRole('row').filter({ hasText: 'recorded an assessment' })).toHaveCount(2);
  await expect(log).toContainText('very likely (80–95%)');
  await expect(log).not.toContainText('Hidden until you record your own assessment');
});
