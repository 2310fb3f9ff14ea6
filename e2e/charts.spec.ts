import { expect, test } from './fixtures';
import { assess, createWorkspace, makeClaim, openDemoWorkspace, pasteDocument } from './pages';

/**
 * The pictures of issue 16, each read through its text alternative: the competing-hypotheses
 * matrix and the number line of a topic with two competing sums, the spread of the assessments
 * on a claim, and the Admiralty grid of the sources linking to the evidence table filtered to a
 * rating. Built through the interface, as an analyst would.
 */
const TITLE = 'Ransom dispatches (charts)';
// Our own text.
const TEXT = [
  'A weekly courier wrote that ten million euros were handed over near Kidal.',
  'A local radio said the sum was nearer fifty thousand euros, paid in cash.',
].join('\n\n');
const TOPIC = 'How much ransom was paid for the convoy?';
const TEN = 'The weekly: €10M';
const FIFTY = 'The radio: €50k';
const WEEKLY_QUOTE = 'ten million euros were handed over near Kidal';

async function addEvidence(
  page: import('@playwright/test').Page,
  claim: string,
  source: { name: string; reliability?: string },
  fields: { stance: string; credibility: string; quote: string },
) {
  const card = page.getByRole('article', { name: `Claim: ${claim}` });
  await card.getByRole('button', { name: 'Add evidence' }).click();
  const form = page.getByRole('form', { name: 'Add evidence' });
  await form.getByRole('combobox', { name: 'Source' }).fill(source.name);
  if (source.reliability) {
    await form.getByRole('button', { name: `Create a new source “${source.name}”` }).click();
    await form.getByLabel('Reliability').selectOption({ label: source.reliability });
  } else {
    await form
      .getByRole('listbox', { name: 'Matching sources' })
      .getByRole('button', { name: new RegExp(source.name) })
      .click();
  }
  await form.getByLabel('Stance').selectOption(fields.stance);
  await form.getByLabel('Credibility').selectOption({ label: fields.credibility });
  await form.getByLabel('Quote or excerpt').fill(fields.quote);
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await expect(card.getByRole('region', { name: 'Evidence' })).toContainText(
    `${source.name} ${fields.stance}`,
  );
}

test('ACH matrix, number line, spread and Admiralty grid, each through its text alternative', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openDemoWorkspace(page);
  const ws = await createWorkspace(page, 'Charts desk');
  const documentId = await pasteDocument(page, ws, { title: TITLE, format: 'Plain text', text: TEXT });
  await page.goto(`/w/${ws}/documents/${documentId}`);

  await makeClaim(page, TITLE, 'ten million euros', {
    statement: TEN,
    type: 'Figure',
    amount: '10,000,000',
    unit: 'EUR',
    topic: TOPIC,
  });
  await addEvidence(
    page,
    TEN,
    { name: 'Weekly Courier', reliability: 'B — Usually reliable' },
    { stance: 'supports', credibility: '2 — Probably true', quote: WEEKLY_QUOTE },
  );
  await page.getByRole('button', { name: 'Close the claim' }).click();

  await makeClaim(page, TITLE, 'fifty thousand euros', {
    statement: FIFTY,
    type: 'Figure',
    amount: '50,000',
    unit: 'EUR',
    topic: TOPIC,
  });
  // The same passage of the weekly, against the radio's figure: one row that tells them apart.
  await addEvidence(
    page,
    FIFTY,
    { name: 'Weekly Courier' },
    { stance: 'contradicts', credibility: '2 — Probably true', quote: WEEKLY_QUOTE },
  );
  await addEvidence(
    page,
    FIFTY,
    { name: 'Radio Gao', reliability: 'E — Unreliable' },
    { stance: 'supports', credibility: '4 — Doubtful', quote: 'nearer fifty thousand euros' },
  );
  await assess(page.getByRole('article', { name: `Claim: ${FIFTY}` }), {
    likelihood: 'unlikely (20–45%)',
    confidence: 'low',
    rationale: 'One radio, unsourced.',
  });

  // The topic page: the matrix.
  await page.goto(`/w/${ws}/topics`);
  await page.getByRole('link', { name: TOPIC }).click();
  await expect(page.getByRole('heading', { level: 2, name: TOPIC })).toBeVisible();
  const matrix = page.getByRole('table', {
    name: `Competing hypotheses for “${TOPIC}”: 2 claims × 2 items of evidence`,
  });
  await expect(matrix).toBeVisible();
  // Columns: the hypotheses by inconsistency (the €10M claim has nothing against it).
  const headers = matrix.getByRole('columnheader');
  await expect(headers).toHaveText([
    'Source',
    'Rating',
    'Quoted passage',
    'Diagnosticity',
    new RegExp(`^#1${TEN}`),
    new RegExp(`^#2${FIFTY}`),
  ]);
  await expect(headers.nth(4).getByRole('link', { name: TEN })).toBeVisible();
  // Rows: the most diagnostic first; each cell a symbol and a word, with its weight.
  const rows = matrix.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('rowheader')).toHaveText('Weekly Courier');
  await expect(rows.nth(0).getByRole('cell')).toHaveText([
    'B2',
    `“${WEEKLY_QUOTE}”`,
    '1.28',
    '✔ supportsweight 0.64',
    '✘ contradictsweight 0.64',
  ]);
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('Radio Gao');
  await expect(rows.nth(1).getByRole('cell')).toHaveText([
    'E4',
    '“nearer fifty thousand euros”',
    '0.08',
    '– no link',
    '✔ supportsweight 0.08',
  ]);
  const footer = matrix.locator('tfoot').getByRole('row');
  await expect(footer.nth(0)).toHaveText(/Inconsistency \(weighted evidence against\)\s*0\s*0\.64/);
  await expect(footer.nth(1)).toHaveText(/Support \(weighted evidence for\)\s*0\.64\s*0\.08/);
  await page
    .getByRole('region', { name: 'Competing hypotheses matrix (scrolls sideways)' })
    .screenshot({ path: test.info().outputPath('ach.png') });

  // The number line: €50k and €10M span a factor of 200, so the line is logarithmic; each mark a link.
  const line = page.getByRole('region', { name: 'Values on one line' });
  await expect(line).toContainText('Logarithmic scale');
  await expect(line.getByRole('list', { name: 'Values on the line' }).getByRole('listitem')).toHaveText([
    `${FIFTY}: 50,000 EUR, draft`,
    `${TEN}: 10,000,000 EUR, draft`,
  ]);
  const mark = line.getByRole('link', { name: `${FIFTY}: 50,000 EUR, draft` });
  await expect(line.getByRole('link')).toHaveCount(2);
  await line.screenshot({ path: test.info().outputPath('number-line.png') });
  await mark.focus();
  await expect(mark).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/claims\/[^/]+$/);

  // The claim page: the spread of the assessments this analyst may see, in words.
  const spread = page.getByRole('figure', { name: 'Spread of likelihood' });
  await expect(spread.getByRole('list', { name: 'Assessments on the likelihood scale' })).toHaveText(
    'unlikely (20–45%): You (low confidence)',
  );
  await spread.screenshot({ path: test.info().outputPath('spread.png') });

  // The Admiralty grid: two pieces rated B2, one E4; the B2 count opens the table filtered to B2.
  await page.goto(`/w/${ws}/sources`);
  const grid = page.getByRole('table', { name: /^Evidence by rating: 3 pieces/ });
  await expect(grid.getByRole('link')).toHaveCount(2);
  await expect(grid.getByRole('link', { name: 'E4: 1 piece of evidence' })).toBeVisible();
  await grid.screenshot({ path: test.info().outputPath('admiralty.png') });
  await grid.getByRole('link', { name: 'B2: 2 pieces of evidence' }).click();
  await expect(page).toHaveURL(/\/evidence\?reliability=B&credibility=2$/);
  await expect(page.getByRole('status', { name: 'Rows' })).toHaveText('2 rows');
  await expect(page.getByRole('table', { name: 'Evidence table' }).locator('tbody tr')).toHaveCount(2);
});
