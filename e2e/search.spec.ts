import { expect, test } from './fixtures';
import { createWorkspace, makeClaim, openDemoWorkspace, pasteDocument, selectText } from './pages';

/**
 * Search (issue 14): from the workspace header (`/` focuses it), results grouped by kind with the
 * words marked, moved through with the keyboard; a passage opens in the reader scrolled to and
 * marked; a comment opens in its discussion; kinds filter in the URL. Find in a document: every
 * match marked with a count, next and previous, and a claim made from a match.
 */
// Two dispatches of our own on one ransom story.
const NIAMEY = 'Niamey wire, 3 April';
const NIAMEY_TEXT = [
  'The convoy reached Niamey before dawn, escorted by two pickups.',
  'Colonel Keïta told reporters that no ransom had been paid for the release.',
].join('\n\n');
const TAHOUA = 'Tahoua notebook';
const TAHOUA_TEXT = [
  'A trader in Tahoua said the ransom was carried in two suitcases.',
  'He would not say who had counted the money.',
].join('\n\n');

test('search from the header, open a passage and a comment where they are, move with the keyboard', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, `Ransom desk ${Date.now()}`);
  const niamey = await pasteDocument(page, ws, { title: NIAMEY, format: 'Plain text', text: NIAMEY_TEXT });
  await pasteDocument(page, ws, { title: TAHOUA, format: 'Plain text', text: TAHOUA_TEXT });
  await page.goto(`/w/${ws}/documents/${niamey}`);
  await makeClaim(page, NIAMEY, 'no ransom had been paid', {
    statement: 'No ransom was paid',
    type: 'Event',
  });
  const claim = page.getByRole('article', { name: 'Claim: No ransom was paid' });
  await expect(claim).toBeVisible();

  // `/` focuses the header's search box; accents and case do not matter.
  await page.goto(`/w/${ws}`);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search this workspace' });
  await expect(box).toBeFocused();
  await box.fill('keita');
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/search\\?q=keita$`));
  const results = page.getByRole('region', { name: 'Search results' });
  const passages = results.getByRole('region', { name: 'Passages' });
  await expect(passages.getByRole('link')).toHaveCount(1);
  await expect(passages.getByRole('link').locator('mark')).toHaveText('Keïta');

  // Grouped by kind; the arrow keys move from result to result.
  await page.goto(`/w/${ws}/search?q=ransom`);
  await expect(results.getByRole('region', { name: 'Passages' }).getByRole('link')).toHaveCount(2);
  await expect(results.getByRole('region', { name: 'Claims' }).getByRole('link')).toHaveCount(1);
  const links = results.getByRole('link');
  await links.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(2)).toBeFocused();
  await expect(links.nth(2)).toContainText('No ransom was paid');
  await page.keyboard.press('ArrowUp');
  await expect(links.nth(1)).toBeFocused();

  // A passage opens in the reader, scrolled to and marked.
  await results
    .getByRole('region', { name: 'Passages' })
    .getByRole('link', { name: new RegExp(TAHOUA) })
    .click();
  await expect(page).toHaveURL(/\/documents\/[^/?]+\?at=\d+-\d+$/);
  await expect(page.getByRole('status', { name: 'Passage found' })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const found = (CSS as unknown as { highlights: Map<string, Iterable<Range>> }).highlights.get(
          'warrant-found',
        );
        return found ? [...found].map((r) => r.toString()) : [];
      }),
    )
    .toEqual(['A trader in Tahoua said the ransom was carried in two suitcases.']);
  await page.getByRole('button', { name: 'Clear the mark' }).click();
  await expect(page.getByRole('status', { name: 'Passage found' })).toHaveCount(0);

  // A comment opens in its claim's discussion, marked.
  await page.goto(`/w/${ws}/search?q=ransom&kind=claim`);
  await expect(results.getByRole('region', { name: 'Passages' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Claims' })).toBeChecked();
  await results.getByRole('link', { name: /No ransom was paid/ }).click();
  await expect(page).toHaveURL(/\/claims\/[^/]+$/);
  const discussion = page.getByRole('region', { name: 'Discussion' });
  await discussion.getByLabel('New comment').fill('Ask the Tahoua stringer about the suitcases.');
  await discussion.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(discussion.getByRole('article')).toContainText('stringer');

  await page.goto(`/w/${ws}/search?q=stringer`);
  await results.getByRole('region', { name: 'Discussion' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/claims\/[^/]+#comment-[\w-]+$/);
  const comment = page.getByRole('article', { name: /Comment by/ });
  await expect(comment).toHaveAttribute('aria-current', 'true');
  await expect(comment).toBeFocused();

  // Filters are in the URL and in the form.
  await page.goto(`/w/${ws}/search?q=ransom`);
  await page.getByRole('checkbox', { name: 'Claims' }).check();
  await page
    .getByRole('form', { name: 'Search and filters' })
    .getByRole('button', { name: 'Search' })
    .click();
  await expect(page).toHaveURL(/kind=claim/);
  await expect(results.getByRole('region', { name: 'Claims' }).getByRole('link')).toHaveCount(1);
  await expect(results.getByRole('region', { name: 'Passages' })).toHaveCount(0);
});

test('find in a document: matches counted and marked, next and previous, a claim made from a match', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, `Find desk ${Date.now()}`);
  const niamey = await pasteDocument(page, ws, { title: NIAMEY, format: 'Plain text', text: NIAMEY_TEXT });
  await page.goto(`/w/${ws}/documents/${niamey}`);
  await expect(page.getByRole('button', { name: 'Find in document' })).toBeVisible();
  // Ctrl-F in the reader opens the find bar instead of the browser's.
  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find in document' });
  const box = bar.getByRole('searchbox', { name: 'Find in document' });
  await expect(box).toBeFocused();
  const marked = () =>
    page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Iterable<Range>> }).highlights;
      const all = h.get('warrant-found');
      const current = h.get('warrant-found-current');
      return {
        all: all ? [...all].map((r) => r.toString()) : [],
        current: current ? [...current].map((r) => r.toString()) : [],
      };
    });
  await box.fill('the');
  const count = bar.getByRole('status', { name: 'Matches' });
  await expect(count).toHaveText('1 of 2');
  await expect.poll(marked).toEqual({ all: ['The', 'the'], current: ['The'] });
  await box.press('Enter');
  await expect(count).toHaveText('2 of 2');
  await expect.poll(marked).toEqual({ all: ['The', 'the'], current: ['the'] });
  await bar.getByRole('button', { name: 'Previous match' }).click();
  await expect(count).toHaveText('1 of 2');
  await bar.getByRole('button', { name: 'Next match' }).click();
  await bar.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText('1 of 2');

  // Accents do not matter; a claim is made from the match.
  await box.fill('colonel keita');
  await expect(count).toHaveText('1 of 1');
  await bar.getByRole('button', { name: 'Make claim' }).click();
  const form = page.getByRole('form', { name: 'New claim' });
  await expect(form.getByRole('blockquote')).toHaveText('“Colonel Keïta”');
  await form.getByLabel('Statement').fill('Colonel Keïta spoke to reporters');
  await form.getByLabel('Claim type').selectOption({ label: 'Event' });
  await form.getByRole('button', { name: 'Create claim' }).click();
  await expect(page.getByRole('article', { name: 'Claim: Colonel Keïta spoke to reporters' })).toBeVisible();

  await box.fill('zebra');
  await expect(count).toHaveText('No match');
  await box.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect.poll(marked).toEqual({ all: [], current: [] });
});

test('“Where else?” finds a claim’s quote in another document and adds it to the claim', async ({ page }) => {
  test.setTimeout(90_000);
  const SHARED = 'the hostages were handed over at a school in the town of Ansongo';
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, `Spread desk ${Date.now()}`);
  const first = await pasteDocument(page, ws, {
    title: 'Gao radio',
    format: 'Plain text',
    text: `Gao radio said ${SHARED}, late on Sunday.`,
  });
  await pasteDocument(page, ws, {
    title: 'Regional daily',
    format: 'Plain text',
    text: `Quoting local radio, the daily wrote that ${SHARED} on Sunday night.`,
  });
  await page.goto(`/w/${ws}/documents/${first}`);
  await makeClaim(page, 'Gao radio', SHARED, {
    statement: 'The handover was at an Ansongo school',
    type: 'Event',
  });
  const claim = page.getByRole('article', { name: 'Claim: The handover was at an Ansongo school' });
  const elsewhere = claim.getByRole('region', { name: 'Where else' });
  await elsewhere.getByRole('button', { name: 'Look in the other documents' }).click();
  await expect(elsewhere.getByRole('status')).toHaveText('Found in 1 other passage.');
  const hit = elsewhere.getByRole('listitem', { name: 'In Regional daily' });
  await expect(hit.locator('mark')).toHaveText(SHARED);
  await expect(hit).toContainText('same words');
  await hit.getByRole('button', { name: 'Add to claim' }).click();
  await expect(hit).toContainText('Added to the claim.');
  await expect(claim.getByRole('region', { name: 'Passages' })).toContainText('Regional daily');

  // Asked again, the passage now on the claim is not proposed.
  await elsewhere.getByRole('button', { name: 'Look again' }).click();
  await expect(elsewhere.getByRole('status')).toHaveText('Found nowhere else in this workspace.');
});

test('keyboard: c puts the cursor in the new claim’s statement and hides the selection toolbar; ? lists the shortcuts', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, `Keyboard desk ${Date.now()}`);
  const niamey = await pasteDocument(page, ws, { title: NIAMEY, format: 'Plain text', text: NIAMEY_TEXT });
  await page.goto(`/w/${ws}/documents/${niamey}`);
  await selectText(page.getByRole('document', { name: NIAMEY }), 'escorted by two pickups');
  const toolbar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('c');
  const form = page.getByRole('form', { name: 'New claim' });
  await expect(form.getByLabel('Statement')).toBeFocused();
  await expect(toolbar).toHaveCount(0);
  // Tab goes on through the form, not through the toolbar.
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Claim type')).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Search this workspace');
  await expect(help).toContainText('Make a claim of the selected text');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toHaveCount(0);
});
