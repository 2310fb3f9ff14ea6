import { reportPdf } from '../lib/documents/pdf-fixture';
import { expect, test } from './fixtures';
import { makeClaim, openDemoWorkspace } from './pages';

const TITLE = 'Port incident report';

test('import a PDF, make a claim on a passage of page 2 and cite the page as evidence', async ({ page }) => {
  const workspaceId = await openDemoWorkspace(page);
  await page.goto(`/w/${workspaceId}/documents/new`);
  await page.getByLabel('Upload a file').check();
  await page.getByLabel('File to import').setInputFiles({
    name: 'port-report.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await reportPdf()),
  });
  await page.getByLabel('Title').fill(TITLE);
  await page.getByRole('button', { name: 'Import document' }).click();

  const reader = page.getByRole('document', { name: TITLE });
  await expect(reader.getByRole('heading', { name: 'Ransomware at the port' })).toBeVisible();
  // Paragraphs rebuilt from lines, the hyphenated word joined, the running header, footer and
  // page numbers gone.
  await expect(reader).toContainText('the same demand for payment in bitcoin.');
  await expect(reader).toContainText('waited outside the harbour until the Monday morning');
  await expect(reader).not.toContainText('Harbour Authority');
  await expect(reader).not.toContainText('Confidential');

  const quote = 'the ransom paid was 2.5 million euros';
  await makeClaim(page, TITLE, quote, { statement: 'The port paid a €2.5M ransom', type: 'Ransom' });
  const claim = page.getByRole('article', { name: 'Claim: The port paid a €2.5M ransom' });
  await expect(claim.getByRole('region', { name: 'Passages' }).getByRole('listitem')).toContainText(
    `“${quote}” p. 2 · exact`,
  );

  await claim.getByRole('button', { name: 'Add evidence' }).click();
  const form = page.getByRole('form', { name: 'Add evidence' });
  // The locator starts from the passage's page.
  await expect(form.getByLabel('Locator')).toHaveValue('p. 2');
  await form.getByRole('combobox', { name: 'Source' }).fill('Port director interview');
  await form.getByRole('button', { name: 'Create a new source “Port director interview”' }).click();
  await form.getByLabel('Reliability').selectOption({ label: 'B — Usually reliable' });
  await form.getByLabel('Quote or excerpt').fill(quote);
  await form.getByRole('button', { name: 'Add evidence' }).click();

  const evidence = claim.getByRole('region', { name: 'Evidence' });
  await expect(evidence.getByRole('listitem')).toContainText(['Port director interview']);
  await expect(evidence.getByRole('listitem')).toContainText(['p. 2']);

  // After a reload the claim still says where its passage stands.
  await page.reload();
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The port paid a €2.5M ransom/ })
    .click();
  await expect(
    page
      .getByRole('article', { name: 'Claim: The port paid a €2.5M ransom' })
      .getByRole('region', { name: 'Passages' }),
  ).toContainText('p. 2');
});
