import { makeDocx } from '../lib/documents/docx-fixture';
import { BRIEF_MARKDOWN } from '../lib/documents/fixtures';
import { expect, test } from './fixtures';
import {
  createInviteLink,
  makeClaim,
  openDemoWorkspace,
  pasteDocument,
  selectText,
  signInAfterSignUp,
  signUp,
} from './pages';

/** Documents, as an analyst meets them: import in every format, read, correct, compare, trash. */
test.describe.configure({ mode: 'serial' });

let workspaceId = '';

test('a paste of plain lines keeps its lines: the format is detected, the title suggested, a copy warned of', async ({
  page,
}) => {
  workspaceId = await openDemoWorkspace(page);
  const points = [
    'Kidal talks: what the desk knows',
    '• Four envoys travelled from Gao on Monday',
    '• The convoy waited two days at the border',
    '• No official has confirmed a payment',
  ].join('\n');
  await page.goto(`/w/${workspaceId}/documents/new`);
  await expect(page.getByLabel('Format')).toHaveValue('auto');
  await page.getByLabel('Text', { exact: true }).fill(points);
  await expect(
    page.getByText('Detected: Plain text (no Markdown or HTML marks: every line is kept).'),
  ).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('Kidal talks: what the desk knows');
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('As Plain text: 1 paragraph, 30 words.');
  await expect(preview.getByRole('listitem').first()).toHaveText(points);
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Import document' }).click();
  const reader = page.getByRole('document', { name: 'Kidal talks: what the desk knows' });
  await expect(reader).toBeVisible();
  // Four lines, not one run-on paragraph.
  expect((await reader.innerText()).trim().split('\n').filter(Boolean)).toEqual(points.split('\n'));

  // The same text again: the preview says a copy is already here, and links to it.
  const first = page.url();
  await page.goto(`/w/${workspaceId}/documents/new`);
  await page.getByLabel('Text', { exact: true }).fill(points);
  const warning = page.getByRole('region', { name: 'Preview' }).getByRole('alert');
  await expect(warning).toContainText(
    'The same text is already in this workspace: Kidal talks: what the desk knows',
  );
  await warning.getByRole('link', { name: 'Kidal talks: what the desk knows' }).click();
  await expect(page).toHaveURL(first);

  // Markdown is detected from its marks, and a title the analyst typed is kept.
  await page.goto(`/w/${workspaceId}/documents/new`);
  await page.getByLabel('Title').fill('My own title');
  await page.getByLabel('Text', { exact: true }).fill('# A heading\n\nSome **bold** claim.');
  await expect(page.getByText('Detected: Markdown (Markdown: headings, bold text).')).toBeVisible();
  await expect(page.getByLabel('Title')).toHaveValue('My own title');
});

test('paste a Markdown article and read it with its headings', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  await pasteDocument(page, workspaceId, {
    title: 'The October exchange',
    format: 'Markdown',
    text: BRIEF_MARKDOWN,
  });
  const reader = page.getByRole('document', { name: 'The October exchange' });
  await expect(reader.getByRole('heading', { level: 1, name: 'The October exchange' })).toBeVisible();
  await expect(reader.getByRole('heading', { level: 2, name: 'What was reported' })).toBeVisible();
  await expect(
    reader.getByRole('listitem').filter({ hasText: 'Sophie Pétronin, held since 2016' }),
  ).toBeVisible();
  await expect(reader.getByRole('table')).toContainText('Prisoners released');
  await expect(reader.getByRole('link', { name: 'timeline' })).toHaveAttribute(
    'href',
    'https://example.org/timeline',
  );
  await expect(reader.locator('strong')).toHaveText('Most counts put the number at 206');
  // The reader is not editable until the user asks for edit mode.
  await expect(reader).not.toHaveAttribute('contenteditable');

  const contents = page.getByRole('navigation', { name: 'Table of contents' });
  await expect(contents.getByRole('button')).toHaveText(['The October exchange', 'What was reported']);
  await contents.getByRole('button', { name: 'What was reported' }).click();
  await expect(reader.getByRole('heading', { name: 'What was reported' })).toBeInViewport();

  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByRole('table', { name: 'Documents' })).toContainText('The October exchange');
});

test('upload a .docx and read it', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  const docx = makeDocx([
    { heading: 'Negotiation timeline' },
    { paragraph: ['Talks lasted ', { text: 'several weeks', bold: true }, ' before the exchange.'] },
    { bullet: 'Prisoners released: 206' },
    {
      table: [
        ['Outlet', 'Ransom'],
        ['First outlet', '€2.5M'],
      ],
    },
  ]);
  await page.goto(`/w/${workspaceId}/documents/new`);
  await page.getByLabel('Upload a file').check();
  await page.getByLabel('File to import').setInputFiles({
    name: 'timeline.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from(docx),
  });
  await page.getByLabel('Title').fill('Negotiation timeline');
  await page.getByLabel('Outlet or publisher').fill('Desk memo');
  await page.getByLabel('Publication date').fill('2020-10-09');
  await page.getByRole('button', { name: 'Import document' }).click();
  const reader = page.getByRole('document', { name: 'Negotiation timeline' });
  await expect(reader.getByRole('heading', { name: 'Negotiation timeline' })).toBeVisible();
  await expect(reader.locator('strong')).toHaveText('several weeks');
  await expect(reader.getByRole('listitem')).toHaveText('Prisoners released: 206');
  await expect(reader.getByRole('cell', { name: '€2.5M' })).toBeVisible();
  await page.getByText('About this document').click();
  const facts = page.getByRole('region', { name: 'About this document' });
  await expect(facts).toContainText('Desk memo');
  await expect(facts).toContainText('2020-10-09');
});

test('edit a typo, see two revisions and their difference', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  await pasteDocument(page, workspaceId, {
    title: 'Prisoner count',
    format: 'Plain text',
    text: 'Most counts put the nubmer of released prisoners at 206.\n\nThe figure was not confirmed.',
  });
  const reader = page.getByRole('document', { name: 'Prisoner count' });
  await page.getByRole('button', { name: 'Edit text' }).click();
  await expect(reader).toHaveAttribute('contenteditable', 'true');
  await selectText(reader, 'nubmer');
  await page.keyboard.type('number');
  await expect(reader).toContainText('Most counts put the number of released prisoners at 206.');
  await page.getByRole('button', { name: 'Save as new revision' }).click();
  await expect(page.getByRole('status')).toContainText('Saved as revision 2.');
  await expect(reader).not.toHaveAttribute('contenteditable');
  await expect(reader).toContainText('Most counts put the number of released prisoners at 206.');

  await page.getByRole('link', { name: 'Revisions (2)' }).click();
  const revisions = page.getByRole('table', { name: 'Revisions' });
  await expect(revisions.getByRole('row')).toHaveCount(3);
  await expect(revisions).toContainText('edited in the reader');
  await expect(revisions).toContainText('imported (text)');
  const changes = page.getByRole('region', { name: 'Changes from revision 1 to revision 2' });
  await expect(changes).toContainText('1 word added, 1 removed.');
  await expect(changes.getByRole('deletion')).toHaveText('nubmer');
  await expect(changes.getByRole('insertion')).toHaveText('number');

  // The earlier revision is still readable as it was.
  await page.getByRole('link', { name: 'Read revision 1' }).click();
  await expect(page.getByRole('document', { name: 'Prisoner count, revision 1' })).toContainText('nubmer');
  await expect(page.getByRole('note')).toContainText('earlier revision');
});

test('an HTML paste carrying script runs nothing', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await pasteDocument(page, workspaceId, {
    title: 'Hostile markup',
    format: 'HTML',
    text:
      '<p>Before the payloads.</p><script>window.__pwned = "script"; alert("script")</script>' +
      '<img src="x" onerror="window.__pwned = \'img\'; alert(\'img\')">' +
      '<p onclick="window.__pwned = \'click\'">Click me</p>' +
      '<a href="javascript:window.__pwned=\'link\'">a link</a>' +
      '<svg onload="window.__pwned = \'svg\'"><circle r="4"/></svg>' +
      '<iframe srcdoc="<script>parent.__pwned = \'frame\'</script>"></iframe><p>After the payloads.</p>',
  });
  const reader = page.getByRole('document', { name: 'Hostile markup' });
  await expect(reader).toContainText('After the payloads.');
  await reader.getByText('Click me').click();
  await reader.getByText('a link').click({ modifiers: [] });
  await page.reload();
  await expect(page.getByRole('document', { name: 'Hostile markup' })).toContainText('Before the payloads.');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page.locator('script:not([src]):not([nonce])')).toHaveCount(0);
  await expect(reader.locator('img, svg, iframe, [onclick]')).toHaveCount(0);
  await expect(reader.getByText('a link')).not.toHaveAttribute('href', /javascript/);
});

test('an oversized upload shows a clear error, and the server refuses it too', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  const big = Buffer.alloc(11 * 1024 * 1024, 'a');
  await page.goto(`/w/${workspaceId}/documents/new`);
  await page.getByLabel('Upload a file').check();
  await page
    .getByLabel('File to import')
    .setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: big });
  await page.getByLabel('Title').fill('Too big');
  await page.getByRole('button', { name: 'Import document' }).click();
  await expect(page.getByRole('form', { name: 'Import a document' }).getByRole('alert')).toHaveText(
    'The file is 11.0 MB; the limit is 10 MB.',
  );

  const response = await page.request.post(`/api/workspaces/${workspaceId}/documents`, {
    multipart: { title: 'Too big', file: { name: 'huge.txt', mimeType: 'text/plain', buffer: big } },
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toMatchObject({
    error: { code: 'too_large:request', message: 'The upload is larger than 10 MB.' },
  });

  const unknown = await page.request.post(`/api/workspaces/${workspaceId}/documents`, {
    multipart: {
      title: 'An OpenDocument',
      file: {
        name: 'brief.odt',
        mimeType: 'application/vnd.oasis.opendocument.text',
        buffer: Buffer.from('Not a kind of file Warrant reads.'),
      },
    },
  });
  expect(unknown.status()).toBe(415);
  const empty = await page.request.post(`/api/workspaces/${workspaceId}/documents`, {
    data: { title: 'Nothing', format: 'text', content: '   \n\n  ' },
  });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.message).toBe('The document is empty: there is no text to read.');
  // Nothing of the refused imports was stored.
  await page.goto(`/w/${workspaceId}/documents?q=Too+big`);
  await expect(page.getByText('No document matches these filters.')).toBeVisible();
});

test('a viewer has no import button and the import endpoint refuses them', async ({ page, newUserPage }) => {
  workspaceId = await openDemoWorkspace(page);
  const link = await createInviteLink(page, workspaceId, 'Viewer');
  const viewer = await newUserPage();
  await viewer.goto(link);
  await signUp(viewer, { name: 'Fatoumata Reader', email: 'reader@example.org' });
  await viewer.getByRole('button', { name: 'Create account and join' }).click();
  await signInAfterSignUp(viewer);
  await expect(viewer).toHaveURL(new RegExp(`/w/${workspaceId}$`));

  await viewer
    .getByRole('navigation', { name: 'Workspace' })
    .getByRole('link', { name: 'Documents' })
    .click();
  await expect(viewer.getByRole('table', { name: 'Documents' })).toContainText('The October exchange');
  await expect(viewer.getByRole('link', { name: 'Import document' })).toHaveCount(0);
  expect((await viewer.goto(`/w/${workspaceId}/documents/new`))?.status()).toBe(404);

  await viewer.getByRole('link', { name: 'Go to your workspaces' }).click();
  await viewer.goto(`/w/${workspaceId}/documents`);
  await viewer.getByRole('link', { name: 'The October exchange', exact: true }).click();
  await expect(viewer.getByRole('document', { name: 'The October exchange' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Edit text' })).toHaveCount(0);
  await expect(viewer.getByRole('link', { name: 'Import new version' })).toHaveCount(0);

  const refused = await viewer.request.post(`/api/workspaces/${workspaceId}/documents`, {
    data: { title: 'Sneaky', format: 'text', content: 'A viewer should not import this.' },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: 'forbidden:workspace' } });
});

test('a document moved to the trash leaves the list and an owner restores it', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  const id = await pasteDocument(page, workspaceId, {
    title: 'Short-lived note',
    format: 'Plain text',
    text: 'To be trashed.',
  });
  const moveToTrash = async () => {
    await page.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to trash' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/documents\\?trashed=${id}$`));
    await expect(page.getByRole('table', { name: 'Documents' })).not.toContainText('Short-lived note');
  };
  // The list confirms the move, with an Undo that brings the document back.
  await moveToTrash();
  const status = page.getByRole('status').filter({ hasText: 'Moved to the trash.' });
  await expect(status).toBeVisible();
  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Document restored.' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Documents' })).toContainText('Short-lived note');

  await page.goto(`/w/${workspaceId}/documents/${id}`);
  await moveToTrash();
  expect((await page.goto(`/w/${workspaceId}/documents/${id}`))?.status()).toBe(404);

  await page.goto(`/w/${workspaceId}/trash`);
  await page.getByRole('button', { name: 'Restore Short-lived note' }).click();
  await expect(page.getByText('No documents in the trash.')).toBeVisible();
  await page.goto(`/w/${workspaceId}/documents/${id}`);
  await expect(page.getByRole('document', { name: 'Short-lived note' })).toContainText('To be trashed.');
});

test('a claim moved to the trash says so, and Undo brings it back', async ({ page }) => {
  workspaceId = await openDemoWorkspace(page);
  const id = await pasteDocument(page, workspaceId, {
    title: 'Undo note',
    format: 'Plain text',
    text: 'The convoy waited two days at the border before crossing.',
  });
  await makeClaim(page, 'Undo note', 'waited two days at the border', {
    statement: 'The convoy waited two days',
    type: 'Negotiation',
  });
  await page.getByRole('button', { name: 'Move claim to trash' }).click();
  // The claim's panel says so, with an Undo; the claim has left the document's claims.
  const status = page.getByRole('status').filter({ hasText: 'Claim moved to the trash.' });
  await expect(status).toBeVisible();
  const left = await page.request.get(`/api/documents/${id}/claims`);
  expect(JSON.stringify(await left.json())).not.toContain('The convoy waited two days');
  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claim restored.' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Claim: The convoy waited two days' })).toBeVisible();
  await page.getByRole('button', { name: 'Close the claim' }).click();
  await expect(page.getByRole('list', { name: 'Claims' })).toContainText('The convoy waited two days');
});

const BEFORE = [
  'The mediator travelled from Gao to Kidal with two envoys of the transition authorities.',
  'Officials said the prisoners were released in three groups over two days, near the border.',
  'A regional outlet reported that a payment had been made, without naming its size.',
  'The talks resumed a week later in Algiers under the same mediator.',
];
// One passage edited a little (a close match to accept), another edited a little (to detach), the
// last paragraph gone (an orphan), the first untouched (found exactly).
const AFTER = [
  BEFORE[0]!,
  'Officials said the hostages were released in three groups over two days, near the border.',
  'A regional outlet reported that a large payment had been made, without naming its size.',
];

test('a new version: its summary shows what happened to the passages; a close match is accepted, another detached', async ({
  page,
}) => {
  workspaceId = await openDemoWorkspace(page);
  const title = 'Talks in Kidal';
  const id = await pasteDocument(page, workspaceId, {
    title,
    format: 'Plain text',
    text: BEFORE.join('\n\n'),
  });
  const claimsOn: [string, string][] = [
    ['from Gao to Kidal', 'The mediator went to Kidal'],
    ['the prisoners were released in three groups over two days', 'The prisoners were freed in three groups'],
    ['a payment had been made, without naming its size', 'A payment was made'],
    ['resumed a week later in Algiers', 'The talks resumed in Algiers'],
  ];
  for (const [quote, statement] of claimsOn) {
    await makeClaim(page, title, quote, { statement, type: 'Negotiation' });
    await page.getByRole('button', { name: 'Close the claim' }).click();
  }

  await page.getByRole('link', { name: 'Import new version' }).click();
  await page.getByLabel('Format').selectOption({ label: 'Plain text' });
  await page.getByLabel('Text', { exact: true }).fill(AFTER.join('\n\n'));
  await page.getByRole('button', { name: 'Import new version' }).click();

  // Back in the reader, which says what happened and links to the summary.
  await expect(page).toHaveURL(new RegExp(`/documents/${id}\\?revised=2$`));
  const saved = page.getByRole('region', { name: 'Revision saved' });
  await expect(saved).toContainText(
    'Revision 2 saved. Its passages: 1 found its place exactly, 2 placed as close matches, 1 orphaned.',
  );
  await saved.getByRole('link', { name: 'Check the passages (3 need attention)' }).click();

  await expect(page.getByRole('heading', { level: 2, name: /^Passages after revision 2/ })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(
    'When revision 2 was saved: 1 passage kept or found its place exactly, 2 were placed as a close match, 1 was not found (orphaned).',
  );
  const matches = page.getByRole('list', { name: 'Close matches' });
  await expect(matches.getByRole('listitem')).toHaveCount(2);
  const prisoners = matches
    .getByRole('listitem')
    .filter({ hasText: 'The prisoners were freed in three groups' });
  const oldQuote = prisoners.getByRole('figure', { name: 'Old quote' });
  const newText = prisoners.getByRole('figure', { name: 'Text now at its place' });
  await expect(oldQuote).toContainText('the prisoners were released in three groups over two days');
  await expect(newText).toContainText('the hostages were released in three groups over two days');
  // The difference is marked: the word that went, and the word that came.
  await expect(oldQuote.locator('del')).toHaveText('prisoners');
  await expect(newText.locator('ins')).toHaveText('hostages');
  const orphans = page.getByRole('list', { name: 'Orphaned passages' });
  await expect(orphans).toContainText('The talks resumed in Algiers');
  await expect(orphans).toContainText('“resumed a week later in Algiers”');

  await prisoners.getByRole('button', { name: 'Accept match' }).click();
  await expect(
    page.getByRole('status').filter({
      hasText: 'Match accepted: “The prisoners were freed in three groups” now quotes the new text exactly.',
    }),
  ).toBeVisible();
  await expect(matches.getByRole('listitem')).toHaveCount(1);

  await matches
    .getByRole('listitem')
    .filter({ hasText: 'A payment was made' })
    .getByRole('button', { name: 'Detach' })
    .click();
  await expect(
    page.getByRole('status').filter({
      hasText: 'Passage detached: “A payment was made” is now among the orphaned passages.',
    }),
  ).toBeVisible();
  await expect(page.getByText('No close match left to check.')).toBeVisible();
  await expect(orphans.getByRole('listitem')).toHaveCount(2);
  await expect(orphans).toContainText('“a payment had been made, without naming its size”');

  // Reachable later: from the revisions list.
  await page.goto(`/w/${workspaceId}/documents/${id}/revisions`);
  await page.getByRole('link', { name: 'Passages after revision 2' }).click();
  await expect(page.getByRole('heading', { name: 'Close matches to check (0)' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Orphaned passages (2)' })).toBeVisible();

  // In the reader, the accepted passage quotes the new words, and the detached one waits to be
  // re-attached.
  await page.goto(`/w/${workspaceId}/documents/${id}`);
  await expect(page.getByRole('region', { name: 'Orphaned passages' })).toContainText(
    'Orphaned passages (2)',
  );
  await page
    .getByRole('list', { name: 'Claims' })
    .getByRole('button', { name: /The prisoners were freed in three groups/ })
    .click();
  await expect(page.getByRole('region', { name: 'Passages', exact: true })).toContainText(
    '“the hostages were released in three groups over two days”',
  );
});
