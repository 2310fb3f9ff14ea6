import { expect, test } from './fixtures';
import {
  ADMIN,
  assess,
  createInviteLink,
  createWorkspace,
  joinWithInvite,
  makeClaim,
  openDemoWorkspace,
  pasteDocument,
  selectText,
} from './pages';

/**
 * Team review with four people in four browsers: blind assessments, contested claims in the
 * queue with their reasons, a live discussion with a mention, adjudication by a reviewer with a
 * preferred claim, notifications, and a viewer who cannot adjudicate (interface and request).
 */
const TITLE = 'Ransom dispatches';
const TEXT = [
  'Officials in Bamako said the ransom was 10 million euros, paid in two instalments.',
  'A regional weekly reported a ransom of 2.5 million euros, citing a mediator.',
  'The mediator was described by one outlet as close to a foreign intelligence service.',
].join('\n\n');
const TOPIC = 'How much ransom was paid?';

test('a team of three runs a contested-claims review end to end', async ({ page, newUserPage, baseURL }) => {
  test.setTimeout(300_000);

  // The owner sets up the desk: blind assessments, a document, and invitations.
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, 'Ransom review desk');
  await page.goto(`/w/${ws}/settings`);
  await page.getByLabel('Blind assessments').check();
  await page.getByRole('button', { name: 'Save review settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Assessments are now blind.');
  const invites = {
    ana: await createInviteLink(page, ws, 'Editor'),
    bakary: await createInviteLink(page, ws, 'Editor'),
    rita: await createInviteLink(page, ws, 'Reviewer'),
    victor: await createInviteLink(page, ws, 'Viewer'),
  };
  const documentId = await pasteDocument(page, ws, { title: TITLE, format: 'Plain text', text: TEXT });
  const docUrl = `/w/${ws}/documents/${documentId}`;

  const ana = await newUserPage();
  await joinWithInvite(ana, invites.ana, 'Ana Costa', 'ana@review.example.org');
  const bakary = await newUserPage();
  await joinWithInvite(bakary, invites.bakary, 'Bakary Traoré', 'bakary@review.example.org');
  const rita = await newUserPage();
  await joinWithInvite(rita, invites.rita, 'Rita Reviewer', 'rita@review.example.org');
  const victor = await newUserPage();
  await joinWithInvite(victor, invites.victor, 'Victor Viewer', 'victor@review.example.org');

  // Ana makes a claim and records her assessment.
  await ana.goto(docUrl);
  await makeClaim(ana, TITLE, 'the ransom was 10 million euros', {
    statement: 'The ransom was €10M',
    type: 'Figure',
    amount: '10,000,000',
    unit: 'EUR',
    topic: TOPIC,
  });
  const anaClaim = ana.getByRole('article', { name: 'Claim: The ransom was €10M' });
  await assess(anaClaim, {
    likelihood: 'likely (55–80%)',
    confidence: 'moderate',
    rationale: 'Officials said so on the record.',
  });
  await expect(anaClaim.getByRole('region', { name: 'Assessments' })).toContainText(
    'You: likely (55–80%) · moderate confidence',
  );

  // Bakary, in blind mode, sees no assessment until he records his own, two bands lower.
  await bakary.goto(docUrl);
  await expect(ana.getByRole('region', { name: 'Also reading' })).toContainText('Bakary Traoré');
  await bakary
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was €10M/ })
    .click();
  const bakaryClaim = bakary.getByRole('article', { name: 'Claim: The ransom was €10M' });
  const bakaryAssessments = bakaryClaim.getByRole('region', { name: 'Assessments' });
  await expect(bakaryAssessments).toContainText('1 other assessment is hidden until you record yours');
  await expect(bakaryAssessments).not.toContainText('Ana Costa');
  await assess(bakaryClaim, {
    likelihood: 'unlikely (20–45%)',
    confidence: 'low',
    rationale: 'A single official source with reasons to inflate the figure.',
  });
  await expect(bakaryAssessments).toContainText('Ana Costa: likely (55–80%) · moderate confidence');
  await expect(bakaryClaim.getByRole('group', { name: 'Why this claim is contested' })).toContainText(
    'analysts disagree',
  );

  // Bakary makes the competing claim under the same topic.
  await makeClaim(bakary, TITLE, 'a ransom of 2.5 million euros', {
    statement: 'The ransom was €2.5M',
    type: 'Figure',
    amount: '2,500,000',
    unit: 'EUR',
    topic: TOPIC,
  });

  // The reviewer's queue shows both, with their reasons; filters live in the URL.
  await rita.goto(`/w/${ws}/review`);
  const queue = rita.getByRole('list', { name: 'Claims to review' });
  const tenMillion = queue.getByRole('article', { name: 'The ransom was €10M' });
  await expect(tenMillion).toContainText('analysts disagree');
  await expect(tenMillion).toContainText('competing values');
  await expect(queue.getByRole('article', { name: 'The ransom was €2.5M' })).toContainText(
    'competing values',
  );
  await expect(
    rita.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Review/ }),
  ).toContainText('2');
  await rita.getByLabel('Reason').selectOption({ label: 'analysts disagree' });
  await rita.getByRole('button', { name: 'Filter' }).click();
  await expect(rita).toHaveURL(/reason=analysts_disagree/);
  await expect(queue.getByRole('article')).toHaveCount(1);

  // Bakary's comment, mentioning Ana, appears in Ana's open page without a reload.
  await bakary.getByRole('button', { name: 'Close the claim' }).click();
  await bakary
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was €10M/ })
    .click();
  await bakaryClaim
    .getByLabel('New comment')
    .fill('@Ana Costa the weekly puts it at €2.5M, citing a mediator.');
  await bakaryClaim.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(anaClaim.getByRole('region', { name: 'Discussion' })).toContainText(
    'the weekly puts it at €2.5M, citing a mediator.',
    { timeout: 2_000 },
  );
  await expect(anaClaim.locator('.mention')).toHaveText('@Ana Costa');
  // Her claim became contested (a competing value, a disagreement) and she was mentioned: told of each.
  await expect(
    ana.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: /Notifications/ }),
  ).toContainText('3 unread');

  // The reviewer adjudicates, preferring the €10M claim; the €2.5M claim is kept as its alternative.
  await tenMillion.getByRole('link', { name: 'The ransom was €10M' }).click();
  await rita.waitForURL(/\/claims\//);
  const claimId = /\/claims\/([^/?]+)/.exec(rita.url())![1]!;
  const ritaClaim = rita.getByRole('article', { name: 'Claim: The ransom was €10M' });
  await ritaClaim.getByRole('button', { name: 'Adjudicate' }).click();
  const decision = ritaClaim.getByRole('form', { name: 'Adjudicate the claim' });
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(ritaClaim.getByRole('alert')).toContainText('Choose accepted, rejected or disputed.');
  await decision.getByRole('radio', { name: 'Accept' }).check();
  await decision.getByLabel(`Preferred claim on “${TOPIC}”`).selectOption({
    label: 'The ransom was €10M (10,000,000 EUR)',
  });
  await decision
    .getByLabel('Rationale')
    .fill('Two officials confirm €10M; the weekly’s mediator is unnamed.');
  // A decision that settles the claim records the team's judgment of it: both, chosen.
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(ritaClaim.getByRole('alert')).toContainText(
    'Record the team’s likelihood and confidence that this claim is true.',
  );
  await decision.getByLabel('Team’s likelihood').selectOption({ label: 'likely (55–80%)' });
  await decision.getByLabel('Team’s confidence').selectOption('moderate');
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(ritaClaim.getByRole('group', { name: 'Decision' })).toContainText('Accepted by Rita Reviewer');
  await expect(ritaClaim.getByRole('group', { name: 'Decision' })).toContainText(
    'Team’s judgment: likely (55–80%) · moderate confidence',
  );
  await rita.goto(`/w/${ws}/review`);
  await expect(rita.getByText('Nothing to review.')).toBeVisible();

  // Ana sees the decision in her open page and a notification.
  await expect(anaClaim.getByRole('group', { name: 'Decision' })).toContainText(
    'Two officials confirm €10M; the weekly’s mediator is unnamed.',
  );
  await ana.goto(`/w/${ws}/notifications`);
  const notes = ana.getByRole('list', { name: 'Notifications' });
  await expect(notes).toContainText('Rita Reviewer accepted your claim “The ransom was €10M”');
  await expect(notes).toContainText('Bakary Traoré mentioned you');
  await expect(notes).toContainText('Your claim “The ransom was €10M” is contested now');
  // The disagreement is named, never who said what (blind assessments).
  await expect(notes).toContainText('analysts disagree on how likely it is');
  await ana.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(ana.getByText('0 unread')).toBeVisible();
  await bakary.goto(`/w/${ws}/notifications`);
  await expect(bakary.getByRole('list', { name: 'Notifications' })).toContainText(
    'kept your claim “The ransom was €2.5M” as an alternative to “The ransom was €10M”',
  );

  // The history tells who did what.
  await ana.goto(`/w/${ws}/claims/${claimId}`);
  await ana.getByText('History').click();
  const history = ana.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Rita Reviewer accepted the claim');
  await expect(history).toContainText('Ana Costa created the claim');

  // The brief reads as a brief: the bottom line and the team's judgment before the competing
  // claims, then each claim. Printed, it is the document alone: no menus, no buttons.
  await rita.goto(`/w/${ws}/evidence`);
  await rita.getByRole('link', { name: 'Print brief' }).click();
  await expect(rita).toHaveURL(/\/brief/);
  const brief = rita.getByRole('article', { name: 'Brief' });
  await expect(brief.getByRole('heading', { level: 2, name: TOPIC })).toBeVisible();
  const text = (await brief.innerText()).replace(/\s+/g, ' ');
  const order = [
    `${TOPIC} Bottom line: The ransom was €10M`,
    "The team's judgment: likely (55–80%) · moderate confidence, recorded with the decision.",
    'Competing claims',
    'The ransom was €2.5M',
  ].map((line) => text.indexOf(line));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  await expect(rita.getByRole('button', { name: 'Print brief' })).toBeVisible();
  await expect(rita.getByRole('link', { name: 'Download HTML' })).toHaveAttribute('href', /format=html/);
  await rita.emulateMedia({ media: 'print' });
  await expect(rita.getByRole('navigation', { name: 'Workspace' })).toBeHidden();
  await expect(rita.getByRole('button', { name: 'Print brief' })).toBeHidden();
  await expect(brief).toBeVisible();
  // For docs/screenshots (copied from test-results by hand when the page changes).
  await rita.screenshot({ path: test.info().outputPath('brief.png'), fullPage: true });
  await rita.emulateMedia({ media: 'screen' });

  // A viewer cannot adjudicate: no control, and the server refuses a direct request.
  await victor.goto(`/w/${ws}/claims/${claimId}`);
  const victorClaim = victor.getByRole('article', { name: 'Claim: The ransom was €10M' });
  await expect(victorClaim.getByRole('region', { name: 'Review' })).toBeVisible();
  await expect(victorClaim.getByRole('button', { name: 'Adjudicate' })).toHaveCount(0);
  const refused = await victor.request.post(`/api/claims/${claimId}/decision`, {
    data: { outcome: 'rejected', rationale: 'I disagree.', version: 100 },
    headers: { Origin: baseURL! },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('viewer');
  const editorTry = await bakary.request.post(`/api/claims/${claimId}/decision`, {
    data: { outcome: 'rejected', rationale: 'I disagree.', version: 100 },
    headers: { Origin: baseURL! },
  });
  expect(editorTry.status()).toBe(403);
});

test('adjudication says the reviewer’s stake, keeps an agreeing claim out of the alternatives, and an edit makes the decision earlier', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, 'Adjudication desk');
  const text = [
    'A ministry source put the ransom at 2.5 million euros, paid in cash.',
    'A mediator also spoke of 2.5 million euros handed over at the border.',
    'A weekly reported that 10 million euros had been paid.',
  ].join('\n\n');
  const title = 'Three ransom figures';
  const documentId = await pasteDocument(page, ws, { title, format: 'Plain text', text });
  await page.goto(`/w/${ws}/documents/${documentId}`);
  const figures: [string, string, string][] = [
    ['the ransom at 2.5 million euros', 'The ministry: €2.5M was paid', '2,500,000'],
    ['2.5 million euros handed over', 'The mediator: €2.5M was paid', '2,500,000'],
    ['10 million euros had been paid', 'The weekly: €10M was paid', '10,000,000'],
  ];
  for (const [quote, statement, amount] of figures) {
    await makeClaim(page, title, quote, { statement, type: 'Figure', amount, unit: 'EUR', topic: TOPIC });
  }

  // The owner wrote the claims: the form says so before they decide, and the decision says so.
  const claims = page.getByRole('list', { name: 'Claims' });
  /** Opens a claim from the reader's list (closing the claim open before). */
  const open = async (statement: RegExp) => {
    const close = page.getByRole('button', { name: 'Close the claim' });
    if (await close.count()) await close.click();
    await claims.getByRole('button', { name: statement }).click();
  };
  await open(/The ministry: €2.5M was paid/);
  const ministry = page.getByRole('article', { name: 'Claim: The ministry: €2.5M was paid' });
  await ministry.getByRole('button', { name: 'Adjudicate' }).click();
  const form = ministry.getByRole('form', { name: 'Adjudicate the claim' });
  await expect(form.getByRole('note')).toContainText('You wrote this claim. Your decision will say so');
  await form.getByRole('radio', { name: 'Accept' }).check();
  await form.getByLabel(`Preferred claim on “${TOPIC}”`).selectOption({
    label: 'The ministry: €2.5M was paid (2,500,000 EUR)',
  });
  await form.getByLabel('Rationale').fill('Two independent sources give €2.5M.');
  await form.getByLabel('Team’s likelihood').selectOption('very_likely');
  await form.getByLabel('Team’s confidence').selectOption('moderate');
  await form.getByRole('button', { name: 'Record decision' }).click();
  const decision = ministry.getByRole('group', { name: 'Decision' });
  await expect(decision).toContainText(`Accepted by ${ADMIN.name}`);
  await expect(decision).toContainText('who wrote this claim');
  await ministry.getByText('History').click();
  await expect(ministry.getByRole('list', { name: 'History' })).toContainText(
    'accepted the claim and chose the preferred claim of its topic, though they wrote it',
  );

  // The mediator's €2.5M agrees with the preferred claim: no alternative. The weekly's €10M is one.
  await open(/The mediator: €2.5M was paid/);
  const mediator = page.getByRole('article', { name: 'Claim: The mediator: €2.5M was paid' });
  await expect(mediator.getByRole('region', { name: 'Review' })).toBeVisible();
  await expect(mediator.getByText(/Kept as an alternative/)).toHaveCount(0);
  await open(/The weekly: €10M was paid/);
  await expect(page.getByRole('article', { name: 'Claim: The weekly: €10M was paid' })).toContainText(
    'Kept as an alternative to “The ministry: €2.5M was paid”.',
  );

  // Edited after the decision, the claim is in review again, and the decision shows as earlier.
  await open(/The ministry: €2.5M was paid/);
  await ministry.getByRole('button', { name: 'Edit claim' }).click();
  await page
    .getByRole('form', { name: 'Edit claim' })
    .getByLabel('Statement')
    .fill('The ministry: €2.5M in cash');
  await page.getByRole('button', { name: 'Save claim' }).click();
  await expect(page.getByRole('status')).toHaveText('Claim saved.');
  const edited = page.getByRole('article', { name: 'Claim: The ministry: €2.5M in cash' });
  const review = edited.getByRole('region', { name: 'Review' });
  await expect(review.getByRole('heading')).toContainText('In review');
  await expect(review.getByRole('group', { name: 'Decision', exact: true })).toHaveCount(0);
  await expect(review.getByRole('group', { name: 'Earlier decision' })).toContainText(
    'Earlier decision: the claim changed since, and awaits a new one.',
  );
});

test('topics cannot split: one question however spelled, a near-duplicate warned of and merged on the Topics page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, 'Topics desk');
  const title = 'Ransom figures';
  const text = [
    'A weekly said 10 million euros were paid.',
    'A daily said 2.5 million euros were paid.',
    'A radio said 5 million euros were paid.',
  ].join('\n\n');
  const documentId = await pasteDocument(page, ws, { title, format: 'Plain text', text });
  await page.goto(`/w/${ws}/documents/${documentId}`);
  await makeClaim(page, title, '10 million euros', {
    statement: 'The weekly: €10M',
    type: 'Figure',
    amount: '10,000,000',
    unit: 'EUR',
    topic: TOPIC,
  });

  // The document itself is a source in one click: made the first time, found in the registry after.
  const weekly = page.getByRole('article', { name: 'Claim: The weekly: €10M' });
  await weekly.getByRole('button', { name: 'Add evidence' }).click();
  const evidenceForm = page.getByRole('form', { name: 'Add evidence' });
  await evidenceForm.getByRole('button', { name: `Cite this document: ${title}` }).click();
  await expect(evidenceForm.getByLabel('Source name')).toHaveValue(title);
  await evidenceForm.getByLabel('Reliability').selectOption({ label: 'B — Usually reliable' });
  await evidenceForm.getByLabel('Stance').selectOption('supports');
  await evidenceForm.getByLabel('Credibility').selectOption({ label: '2 — Probably true' });
  await evidenceForm.getByRole('button', { name: 'Add evidence' }).click();
  await expect(weekly.getByRole('region', { name: 'Evidence' }).getByRole('listitem')).toContainText([
    `B2${title} supports`,
  ]);
  await weekly.getByRole('button', { name: 'Add evidence' }).click();
  await evidenceForm.getByRole('button', { name: `Cite this document: ${title}` }).click();
  await expect(evidenceForm).toContainText(`Source: ${title} (B)`);
  await evidenceForm.getByRole('button', { name: 'Cancel' }).click();

  // Typed without the question mark and in lower case: the form says it joins the topic.
  await page.getByRole('button', { name: 'Close the claim' }).click();
  await selectText(page.getByRole('document', { name: title }), '2.5 million euros');
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Make claim' }).click();
  const form = page.getByRole('form', { name: 'New claim' });
  await form.getByLabel('Statement').fill('The daily: €2.5M');
  await form.getByLabel('Claim type').selectOption({ label: 'Figure' });
  await form.getByLabel('Quantity').fill('2,500,000');
  await form.getByLabel('Unit').fill('EUR');
  await form.getByLabel('Topic (the question it answers)').fill('how much ransom was paid');
  await expect(form).toContainText(`Joins the topic “${TOPIC}”.`);
  await form.getByRole('button', { name: 'Create claim' }).click();
  await expect(page.getByRole('article', { name: 'Claim: The daily: €2.5M' })).toContainText(
    'competing values',
  );

  // A typo comes close: warned, and kept as a new topic when the analyst insists.
  await page.getByRole('button', { name: 'Close the claim' }).click();
  await selectText(page.getByRole('document', { name: title }), 'radio said 5 million euros');
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Make claim' }).click();
  await form.getByLabel('Statement').fill('The radio: €5M');
  await form.getByLabel('Claim type').selectOption({ label: 'Figure' });
  // Typed as analysts write it: the form says how it reads.
  await form.getByLabel('Quantity').fill('€5M');
  await expect(form).toContainText('Reads as 5,000,000 EUR.');
  await form.getByLabel('Topic (the question it answers)').fill('How much ransome was paid?');
  await expect(form).toContainText(`Close to the topic “${TOPIC}”`);
  await form.getByRole('button', { name: 'Create claim' }).click();
  await expect(page.getByRole('article', { name: 'Claim: The radio: €5M' })).toBeVisible();

  // The Topics page marks the look-alike; the owner merges it, and its claim competes with the others.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Topics' }).click();
  const typo = page.getByRole('article', { name: 'Topic: How much ransome was paid?' });
  await expect(typo.getByRole('note')).toHaveText(`Looks like: “${TOPIC}”`);
  const merge = page.getByRole('form', { name: 'Merge “How much ransome was paid?”' });
  await merge.getByLabel('Merge into').selectOption({ label: TOPIC });
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByRole('status')).toHaveText('Merged: 1 claim moved, and compared with the others.');
  await expect(page.getByRole('heading', { level: 2, name: TOPIC })).toBeVisible();
  const competing = page.getByRole('list', { name: 'Competing claims' }).getByRole('article');
  await expect(competing).toHaveCount(3);
  expect(await competing.evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')))).toEqual([
    'Claim: The daily: €2.5M',
    'Claim: The radio: €5M',
    'Claim: The weekly: €10M',
  ]);
  await expect(page.getByRole('article', { name: 'Claim: The radio: €5M' })).toContainText('Contested');
  // For docs/screenshots (copied from test-results by hand when the page changes).
  await page.screenshot({ path: test.info().outputPath('topic-page.png'), fullPage: true });
  await page.getByRole('link', { name: '← Topics' }).click();
  await expect(page.getByRole('list', { name: 'Topics' }).getByRole('article')).toHaveCount(1);

  // The Overview leads with what needs attention: the contested topic, and the drafts.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('list', { name: 'Contested topics' })).toContainText(
    `${TOPIC} — 3 of 3 claims contested`,
  );
  await expect(page.getByRole('list', { name: 'Your drafts' }).getByRole('link')).toHaveCount(3);
  await page.screenshot({ path: test.info().outputPath('dashboard.png'), fullPage: true });
  await page.getByRole('list', { name: 'Contested topics' }).getByRole('link', { name: TOPIC }).click();
  await expect(page.getByRole('list', { name: 'Competing claims' }).getByRole('article')).toHaveCount(3);
});
