import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  createInviteLink,
  createWorkspace,
  makeClaim as makeClaimIn,
  openDemoWorkspace,
  pasteDocument,
  selectText,
  signInAfterSignUp,
  signUp,
  type ClaimInput,
} from './pages';

/** Annotation, end to end: claims from passages, sources, evidence, assessments, re-anchoring. */
test.describe.configure({ mode: 'serial' });

const TEXT = [
  'One outlet said the ransom was 10 million euros in cash, paid through intermediaries.',
  'The exchange took place at an airstrip near Tessalit at dawn, according to a pilot.',
  'A second outlet put the ransom at 2.5 million euros.',
].join('\n\n');

let workspaceId = '';
let documentUrl = '';

const makeClaim = (page: Page, quote: string, fields: ClaimInput) =>
  makeClaimIn(page, 'Ransom reports', quote, fields);

/** The texts painted under each highlight name of the CSS Custom Highlight API, sorted. */
async function highlightsByName(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    const out: Record<string, string[]> = {};
    registry.forEach((ranges, name) => {
      out[name] = [...ranges].map((r) => r.toString()).sort();
    });
    return out;
  });
}

/** The texts painted as claims' passages (by type, or by hue for competing claims of a topic). */
async function highlightedTexts(page: Page): Promise<string[]> {
  const byName = await highlightsByName(page);
  return Object.entries(byName)
    .filter(([name]) => name.startsWith('warrant-type-') || name.startsWith('warrant-mark-'))
    .flatMap(([, texts]) => texts);
}

/** A claim's card in the reader's list (its button names the claim; the reasons sit beside it). */
const card = (page: Page, statement: RegExp) =>
  page
    .getByRole('list', { name: 'Claims' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: statement }) });

test('select a passage and create a claim with a type, quantity and topic', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  await pasteDocument(page, workspaceId, { title: 'Ransom reports', format: 'Plain text', text: TEXT });
  documentUrl = new URL(page.url()).pathname;
  await makeClaim(page, 'the ransom was 10 million euros in cash', {
    statement: 'The ransom was €10M',
    type: 'Ransom',
    amount: '10,000,000',
    unit: 'EUR',
    topic: 'How much ransom was paid?',
  });
  const claim = page.getByRole('article', { name: 'Claim: The ransom was €10M' });
  await expect(claim).toContainText('10,000,000 EUR');
  await expect(claim).toContainText('How much ransom was paid?');
  await expect(claim.getByRole('region', { name: 'Passages' })).toContainText(
    '“the ransom was 10 million euros in cash” exact',
  );
  await expect.poll(() => highlightedTexts(page)).toContain('the ransom was 10 million euros in cash');

  // A bad quantity is refused with a clear message, and nothing is created.
  const reader = page.getByRole('document', { name: 'Ransom reports' });
  await selectText(reader, '2.5 million euros');
  await page.keyboard.press('c');
  const form = page.getByRole('form', { name: 'New claim' });
  await form.getByLabel('Statement').fill('The ransom was €2.5M');
  await form.getByLabel('Quantity').fill('a lot');
  await form.getByRole('button', { name: 'Create claim' }).click();
  await expect(form.getByLabel('Quantity')).toHaveAccessibleDescription(/Enter a number or a range/);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Claims' }).getByRole('button')).toHaveCount(1);
});

test('add a new source with a reliability and link it as contradicting evidence with a credibility', async ({
  page,
}) => {
  await openDemoWorkspace(page);
  await page.goto(documentUrl);
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was €10M/ })
    .click();
  const claim = page.getByRole('article', { name: 'Claim: The ransom was €10M' });
  await claim.getByRole('button', { name: 'Add evidence' }).click();
  const form = page.getByRole('form', { name: 'Add evidence' });
  await form.getByRole('combobox', { name: 'Source' }).fill('Desert Daily');
  await form.getByRole('button', { name: 'Create a new source “Desert Daily”' }).click();
  await form.getByLabel('Reliability').selectOption({ label: 'C — Fairly reliable' });
  await form.getByLabel('Source kind').selectOption('outlet');
  await form.getByLabel('Stance').selectOption('contradicts');
  await form.getByLabel('Credibility').selectOption({ label: '3 — Possibly true' });
  await form.getByLabel('Quote or excerpt').fill('put the ransom at 2.5 million euros');
  await form.getByRole('button', { name: 'Add evidence' }).click();
  const evidence = claim.getByRole('region', { name: 'Evidence' });
  await expect(evidence.getByRole('listitem')).toContainText(['C3Desert Daily contradicts']);
});

test('record an assessment, reload and see it all', async ({ page }) => {
  await openDemoWorkspace(page);
  await page.goto(documentUrl);
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was €10M/ })
    .click();
  const claim = page.getByRole('article', { name: 'Claim: The ransom was €10M' });
  const form = claim.getByRole('form', { name: 'Your assessment' });
  // Nothing is pre-selected: saving asks for an explicit choice of both.
  await expect(form.getByLabel('Likelihood')).toHaveValue('');
  await expect(form.getByLabel('Confidence')).toHaveValue('');
  await form.getByRole('button', { name: 'Record my assessment' }).click();
  await expect(form.getByText('Choose a likelihood.')).toBeVisible();
  await expect(form.getByLabel('Likelihood')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Likelihood').selectOption({ label: 'unlikely (20–45%)' });
  await form.getByRole('button', { name: 'Record my assessment' }).click();
  await expect(form.getByText('Choose low, moderate or high confidence.')).toBeVisible();
  await form.getByLabel('Confidence').selectOption('moderate');
  await form.getByLabel('Rationale').fill('Only one outlet; another puts it at €2.5M.');
  await form.getByRole('button', { name: 'Record my assessment' }).click();
  await expect(claim.getByRole('region', { name: 'Assessments' })).toContainText(
    'You: unlikely (20–45%) · moderate confidence',
  );

  await page.reload();
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was €10M/ })
    .click();
  const again = page.getByRole('article', { name: 'Claim: The ransom was €10M' });
  await expect(again).toContainText('Ransom · reported information');
  await expect(again).toContainText('10,000,000 EUR');
  await expect(again.getByRole('region', { name: 'Evidence' })).toContainText('C3Desert Daily contradicts');
  await expect(again.getByRole('region', { name: 'Assessments' })).toContainText(
    'You: unlikely (20–45%) · moderate confidence',
  );
  await expect.poll(() => highlightedTexts(page)).toContain('the ransom was 10 million euros in cash');
});

test('a second user opens the same document and sees the highlight', async ({ page, newUserPage }) => {
  await openDemoWorkspace(page);
  const link = await createInviteLink(page, workspaceId, 'Editor');
  const colleague = await newUserPage();
  await colleague.goto(link);
  await signUp(colleague, { name: 'Idrissa Editor', email: 'editor@example.org' });
  await colleague.getByRole('button', { name: 'Create account and join' }).click();
  await signInAfterSignUp(colleague);
  await expect(colleague).toHaveURL(new RegExp(`/w/${workspaceId}$`));
  await colleague.goto(documentUrl);
  await expect(colleague.getByRole('list', { name: 'Claims' })).toContainText('The ransom was €10M');
  await expect.poll(() => highlightedTexts(colleague)).toContain('the ransom was 10 million euros in cash');
  // Hovering the passage shows the claim.
  const reader = colleague.getByRole('document', { name: 'Ransom reports' });
  const box = await reader.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf('10 million') ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 2);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
    }
    throw new Error('passage not found');
  });
  await colleague.mouse.move(box.x, box.y);
  const tip = colleague.getByRole('tooltip');
  await expect(tip).toContainText('The ransom was €10M');
  await expect(tip).toContainText('Draft');
  await expect(tip).not.toContainText('close match');
});

test('a stale edit from a second tab is refused', async ({ page, context }) => {
  await openDemoWorkspace(page);
  await page.goto(documentUrl);
  const second = await context.newPage();
  await second.goto(documentUrl);
  for (const tab of [page, second]) {
    await tab
      .getByRole('list', { name: 'Claims' })
      .getByRole('button', { name: /The ransom was €10M/ })
      .click();
    await tab.getByRole('button', { name: 'Edit claim' }).click();
  }
  await page
    .getByRole('form', { name: 'Edit claim' })
    .getByLabel('Statement')
    .fill('The ransom was 10 million euros');
  await page.getByRole('button', { name: 'Save claim' }).click();
  await expect(page.getByRole('status')).toHaveText('Claim saved.');

  await second.getByRole('form', { name: 'Edit claim' }).getByLabel('Statement').fill('A stale statement');
  await second.getByRole('button', { name: 'Save claim' }).click();
  await expect(second.getByRole('form', { name: 'Edit claim' }).getByRole('alert')).toHaveText(
    'Someone changed this claim since you opened it. It now reads: “The ransom was 10 million euros”. Your edit was not saved; review their version and edit again.',
  );
  await second.reload();
  await expect(second.getByRole('list', { name: 'Claims' })).toContainText('The ransom was 10 million euros');
  await expect(second.getByRole('list', { name: 'Claims' })).not.toContainText('A stale statement');
});

test('edit the text so one quote changes slightly and one passage goes, then re-attach the orphan', async ({
  page,
}) => {
  await openDemoWorkspace(page);
  await page.goto(documentUrl);
  await makeClaim(page, 'an airstrip near Tessalit at dawn', {
    statement: 'The exchange happened near Tessalit',
    type: 'Negotiation',
  });

  await page.getByRole('link', { name: 'Import new version' }).click();
  await page.getByLabel('Format').selectOption({ label: 'Plain text' });
  await page
    .getByLabel('Text', { exact: true })
    .fill(
      [
        'One outlet said the ransom was 10 million euros, in cash, paid through intermediaries.',
        'A second outlet put the ransom at 2.5 million euros.',
        'Pilots at Gao described a second flight the same evening.',
      ].join('\n\n'),
    );
  await page.getByRole('button', { name: 'Import new version' }).click();
  await expect(page.getByRole('link', { name: 'Revisions (2)' })).toBeVisible();

  const orphans = page.getByRole('region', { name: 'Orphaned passages' });
  await expect(orphans).toContainText('Orphaned passages (1)');
  await expect(orphans).toContainText(
    '“an airstrip near Tessalit at dawn” — The exchange happened near Tessalit',
  );
  // The box folds away to its count, and stays folded for this document after a reload.
  const fold = orphans.getByRole('button', { name: 'Orphaned passages (1)' });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(orphans.getByRole('button', { name: 'Re-attach' })).toBeHidden();
  await expect(orphans.getByText('an airstrip near Tessalit at dawn')).toBeHidden();
  await page.reload();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(orphans.getByRole('button', { name: 'Re-attach' })).toBeHidden();
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await expect(orphans.getByRole('button', { name: 'Re-attach' })).toBeVisible();

  // The passage placed approximately is marked as a close match: a dashed underline of its own
  // (the exact ones have none), the words on its card, and the text's description says what it means.
  await expect
    .poll(async () => (await highlightsByName(page))['warrant-fuzzy'])
    .toEqual(['the ransom was 10 million euros, in cash']);
  const ransomCard = card(page, /The ransom was 10 million euros/);
  await expect(ransomCard.getByText('close match', { exact: true })).toHaveAttribute(
    'title',
    /found again approximately, not word for word/,
  );
  await expect(page.getByRole('document', { name: 'Ransom reports' })).toHaveAccessibleDescription(
    /Dashed underline: a close match, placed approximately after the text was revised/,
  );
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was 10 million euros/ })
    .click();
  await expect(page.getByRole('region', { name: 'Passages', exact: true })).toContainText(
    /fuzzy \(0\.\d\d\)/,
  );
  await expect.poll(() => highlightedTexts(page)).toContain('the ransom was 10 million euros, in cash');
  await page.getByRole('button', { name: 'Close the claim' }).click();

  await orphans.getByRole('button', { name: 'Re-attach' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Select the new passage' })).toBeVisible();
  await selectText(
    page.getByRole('document', { name: 'Ransom reports' }),
    'a second flight the same evening',
  );
  await page
    .getByRole('toolbar', { name: 'Selection' })
    .getByRole('button', { name: 'Re-attach here' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Passage re-attached.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Orphaned passages' })).toHaveCount(0);
  await expect.poll(() => highlightedTexts(page)).toContain('a second flight the same evening');
});

test('competing claims of one topic are told apart in the text, and their cards say status and why contested', async ({
  page,
}) => {
  await openDemoWorkspace(page);
  // A desk of its own: the demo workspace's topics and counts stay as the later specs expect them.
  const ws = await createWorkspace(page, 'Reader marks desk');
  const title = 'Two ransom figures';
  await pasteDocument(page, ws, {
    title,
    format: 'Plain text',
    text: [
      'A weekly said 10 million euros were paid.',
      'A daily said 2.5 million euros were paid.',
      'Pilots described a second flight.',
    ].join('\n\n'),
  });
  const topic = 'How much was paid for the release?';
  await makeClaimIn(page, title, '10 million euros were paid', {
    statement: 'The weekly: €10M',
    type: 'Figure',
    amount: '10,000,000',
    unit: 'EUR',
    topic,
  });
  await makeClaimIn(page, title, '2.5 million euros were paid', {
    statement: 'The daily: €2.5M',
    type: 'Figure',
    amount: '2,500,000',
    unit: 'EUR',
    topic,
  });
  await makeClaimIn(page, title, 'a second flight', { statement: 'A second flight flew', type: 'Figure' });
  await page.getByRole('button', { name: 'Close the claim' }).click();

  // Each card says its status and, when contested, why.
  const weekly = card(page, /The weekly: €10M/);
  const daily = card(page, /The daily: €2.5M/);
  const flight = card(page, /A second flight flew/);
  await expect(weekly.getByRole('button')).toContainText('Draft');
  await expect(weekly.getByRole('button')).toContainText('Contested');
  await expect(weekly.getByRole('list', { name: 'Why it is contested' })).toContainText(
    /competing values:.*The daily: €2\.5M/,
  );
  await expect(daily.getByRole('list', { name: 'Why it is contested' })).toContainText('competing values');
  await expect(flight.getByRole('button')).toContainText('Draft');
  await expect(flight.getByRole('button')).not.toContainText('Contested');
  await expect(flight.getByRole('list', { name: 'Why it is contested' })).toHaveCount(0);

  // The two claims of the topic: a letter and a hue each, on the card and in the text; the claim
  // without a topic keeps its type's colour.
  await expect(weekly).toHaveAttribute('data-topic-mark', 'A');
  await expect(daily).toHaveAttribute('data-topic-mark', 'B');
  await expect(flight).not.toHaveAttribute('data-topic-mark');
  await expect(weekly.locator('[data-mark-hue]')).toHaveAttribute('data-mark-hue', '0');
  await expect(daily.locator('[data-mark-hue]')).toHaveAttribute('data-mark-hue', '1');
  await expect(weekly.getByRole('button')).toHaveAccessibleName(
    /Claim A of 2 in its topic:\s*The weekly: €10M/,
  );
  await expect
    .poll(async () => {
      const byName = await highlightsByName(page);
      return [byName['warrant-mark-0'], byName['warrant-mark-1'], byName['warrant-fuzzy']];
    })
    .toEqual([['10 million euros were paid'], ['2.5 million euros were paid'], undefined]);
  const typed = Object.entries(await highlightsByName(page))
    .filter(([name]) => name.startsWith('warrant-type-'))
    .flatMap(([, texts]) => texts);
  expect(typed).toEqual(['a second flight']);

  // Pointing at a highlight shows its claim, lettered as on its card.
  const reader = page.getByRole('document', { name: title });
  const point = await reader.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf('2.5 million') ?? -1;
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 3);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
    }
    throw new Error('passage not found');
  });
  await page.mouse.move(point.x, point.y);
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText(/Claim B of 2 in its topic:\s*The daily: €2\.5M/);
  await expect(tip).toContainText('Draft · contested');
  await expect(tip).not.toContainText('The weekly');
  await page.mouse.move(0, 0);
  await expect(tip).toHaveCount(0);

  // The keyboard reaches the same: ] goes to the first claim in the text and shows its passage's card.
  await page.keyboard.press(']');
  await expect(page.getByRole('article', { name: 'Claim: The weekly: €10M' })).toBeVisible();
  await expect(tip).toContainText(/Claim A of 2 in its topic:\s*The weekly: €10M/);
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Passage of 1 claim' })).toHaveText(
    'Passage of 1 claim: Claim A of its topic: The weekly: €10M (draft, contested)',
  );
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
});

test('changing a source’s rating asks for a reason and keeps the history', async ({ page }) => {
  await openDemoWorkspace(page);
  await page.goto(`/w/${workspaceId}/sources`);
  await page.getByRole('table', { name: 'Sources' }).getByRole('link', { name: 'Desert Daily' }).click();
  const form = page.getByRole('form', { name: 'Edit source' });
  await form.getByLabel('Reliability').selectOption({ label: 'B — Usually reliable' });
  await form.getByRole('button', { name: 'Save source' }).click();
  await expect(form.getByLabel('Reason for a rating change')).toHaveAccessibleDescription(
    /Say why the reliability rating changes/,
  );
  await form.getByLabel('Reliability').selectOption({ label: 'B — Usually reliable' });
  await form.getByLabel('Reason for a rating change').fill('Two later reports confirmed its account.');
  await form.getByRole('button', { name: 'Save source' }).click();
  await expect(page.getByRole('form', { name: 'Edit source' }).getByRole('status')).toHaveText(
    'Source saved.',
  );
  const history = page.getByRole('table', { name: 'Rating history' });
  await expect(history).toContainText('C → B (Usually reliable)');
  await expect(history).toContainText('Two later reports confirmed its account.');
  await expect(history).toContainText('Initial rating');
});

test('a claim moved to the trash can be restored', async ({ page }) => {
  await openDemoWorkspace(page);
  await page.goto(documentUrl);
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The exchange happened near Tessalit/ })
    .click();
  await page.getByRole('button', { name: 'Move claim to trash' }).click();
  // The panel says so (with an Undo) until it is closed; then the list no longer has the claim.
  await expect(page.getByRole('status').filter({ hasText: 'Claim moved to the trash.' })).toBeVisible();
  await page.getByRole('button', { name: 'Close the claim' }).click();
  await expect(page.getByRole('list', { name: 'Claims' })).not.toContainText(
    'The exchange happened near Tessalit',
  );
  await page.goto(`/w/${workspaceId}/trash`);
  await page.getByRole('button', { name: 'Restore claim The exchange happened near Tessalit' }).click();
  await expect(page.getByText('No claims in the trash.')).toBeVisible();
  await page.goto(documentUrl);
  await expect(page.getByRole('list', { name: 'Claims' })).toContainText(
    'The exchange happened near Tessalit',
  );
});

test('evidence and a source go to the trash and come back', async ({ page }) => {
  await openDemoWorkspace(page);
  await page.goto(documentUrl);
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was 10 million euros/ })
    .click();
  const claim = page.getByRole('article', { name: 'Claim: The ransom was 10 million euros' });
  await claim.getByRole('button', { name: 'Remove evidence from Desert Daily' }).click();
  await expect(claim.getByRole('region', { name: 'Evidence' })).toContainText('No evidence linked yet.');

  await page.goto(`/w/${workspaceId}/sources`);
  await page.getByRole('table', { name: 'Sources' }).getByRole('link', { name: 'Desert Daily' }).click();
  await page.getByRole('button', { name: 'Move source to trash' }).click();
  await expect(page.getByRole('table', { name: 'Sources' })).not.toContainText('Desert Daily');
  // The list says so, with an Undo (its mover may undo for a while); undone, then trashed again.
  const moved = page.getByRole('status').filter({ hasText: 'The source moved to the trash.' });
  await moved.getByRole('button', { name: 'Undo' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Source restored, with its evidence.' }),
  ).toBeVisible();
  await page.goto(`/w/${workspaceId}/sources`);
  await page.getByRole('table', { name: 'Sources' }).getByRole('link', { name: 'Desert Daily' }).click();
  await page.getByRole('button', { name: 'Move source to trash' }).click();
  await expect(page.getByRole('table', { name: 'Sources' })).not.toContainText('Desert Daily');

  await page.goto(`/w/${workspaceId}/trash`);
  await page.getByRole('button', { name: 'Restore source Desert Daily' }).click();
  await expect(page.getByRole('button', { name: 'Restore source Desert Daily' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Restore evidence from Desert Daily' }).click();
  await expect(page.getByText('No sources or evidence in the trash.')).toBeVisible();

  await page.goto(documentUrl);
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The ransom was 10 million euros/ })
    .click();
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('Desert Daily contradicts');
});

test('evidence edited from a stale copy is refused with the newer values', async ({ page, context }) => {
  await openDemoWorkspace(page);
  const second = await context.newPage();
  for (const tab of [page, second]) {
    await tab.goto(documentUrl);
    await tab
      .getByRole('list', { name: 'Claims' })
      .getByRole('button', { name: /The ransom was 10 million euros/ })
      .click();
    await tab.getByRole('button', { name: 'Edit evidence from Desert Daily' }).click();
  }
  const first = page.getByRole('form', { name: 'Edit evidence from Desert Daily' });
  await first.getByLabel('Stance').selectOption('qualifies');
  await first.getByRole('button', { name: 'Save evidence' }).click();
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('Desert Daily qualifies');

  const stale = second.getByRole('form', { name: 'Edit evidence from Desert Daily' });
  await stale.getByLabel('Stance').selectOption('supports');
  await stale.getByRole('button', { name: 'Save evidence' }).click();
  await expect(stale.getByRole('alert')).toContainText(
    'Someone changed this evidence since you opened it: it now qualifies the claim',
  );
});

test('an owner adds a claim type, which analysts can then choose', async ({ page }) => {
  await openDemoWorkspace(page);
  await page.goto(`/w/${workspaceId}/settings`);
  const form = page.getByRole('form', { name: 'New claim type' });
  await form.getByLabel('Name').fill('Casualties');
  await form.getByLabel('Description').fill('Deaths and injuries reported.');
  await form.getByRole('button', { name: 'Add claim type' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claim type “Casualties” added.' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Claim type Casualties' })).toBeVisible();

  await page.goto(documentUrl);
  await selectText(page.getByRole('document', { name: 'Ransom reports' }), 'a second flight');
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Make claim' }).click();
  await expect(
    page
      .getByRole('form', { name: 'New claim' })
      .getByLabel('Claim type')
      .getByRole('option', { name: 'Casualties' }),
  ).toHaveCount(1);
});
