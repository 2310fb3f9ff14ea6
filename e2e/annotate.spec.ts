import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  createInviteLink,
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

/** The texts painted by the CSS Custom Highlight API (what the reader sees highlighted). */
async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    const out: string[] = [];
    registry.forEach((ranges, name) => {
      if (name.startsWith('warrant-type-')) ranges.forEach((r) => out.push(r.toString()));
    });
    return out;
  });
}

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
  await expect(colleague.getByRole('tooltip')).toHaveText('The ransom was €10M');
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
