/**
 * The discussion's data layer (issue 15): a comment's HTML rendered once when it is written or
 * edited and stored; older rows without it rendered on read (plain text past the limits), never
 * failing the discussion; hostile comments refused or rendered within a second with a message
 * naming the limit; owners deleting anyone's comment (audited); discussions read in pages.
 * Runs on both engines (`npm run test:postgres -- db/queries/comments.test.ts`).
 */
import { and, asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, comments, users } from '../schema';
import { first } from '../store';
import { makeTeam, type Team } from '../team-testing';
import { makeUser } from '../testing';
import type { Actor } from './access';
import { addComment, deleteComment, editComment, listComments, THREADS_PER_PAGE } from './comments';

// Our own note on a ferry inquiry (not quoted from anywhere).
const NOTE = 'The harbour log lists the ferry Saint-Brieuc leaving at 09:40, two hours after its slot.';

let team: Team;
let claimId: string;
let ana: Actor;
let li: Actor;

beforeEach(async () => {
  team = await makeTeam('Awa Traoré', 'Ferry desk');
  const doc = await team.document('Harbour log', NOTE);
  claimId = await team.claim(team.owner, doc, 'two hours after its slot', 'The ferry left two hours late');
  ana = await team.member('editor', 'Ana Costa');
  li = await team.member('reviewer', 'Li Wei');
});

const storedRow = (id: string) =>
  first(team.store.db.select().from(comments).where(eq(comments.id, id)).limit(1));

/** Writes `body` on a row as an older release did: no rendered HTML. */
async function asOlderRow(id: string, body?: string) {
  await team.store.transaction((tx) =>
    tx
      .update(comments)
      .set({ bodyHtml: null, ...(body === undefined ? {} : { body }) })
      .where(eq(comments.id, id)),
  );
}

const page = (actor: Actor, cursor?: string | null) => listComments(team.store, { actor, claimId, cursor });

/** `unit` repeated to `length` characters. */
const fill = (unit: string, length = 9_900) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** A 9,900-character note of many short lines, lists and quotes, within the limits (359 lines). */
const LONG_NOTE = fill(
  [
    '> the ferry left two hours late, per the harbour clerk',
    '',
    '- the port log, pages 4 to 9, and the crew list',
    '',
    '1. call the agent on Monday; @Ana Costa has his number',
    '',
    'Checked `manifest` twice, **cargo** still does not add up.',
    '',
    '',
  ].join('\n'),
);

/** How long `fn` takes, in milliseconds, with what it answered or threw. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const t0 = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - t0, value };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

describe('the rendered HTML', () => {
  it('is stored when a comment is written and again when it is edited; reads show it', async () => {
    const { commentId } = await addComment(team.store, {
      actor: ana,
      claimId,
      body: '**Slot** times are in the log; @Li Wei can you check `09:40`?',
    });
    const html = `<p><strong>Slot</strong> times are in the log; <span class="mention" data-user-id="${li.userId}">@Li Wei</span> can you check <code>09:40</code>?</p>`;
    expect((await storedRow(commentId))!.bodyHtml).toBe(html);
    expect((await page(li)).threads[0]).toMatchObject({ id: commentId, html });

    await editComment(team.store, { actor: ana, commentId, body: 'Checked: *09:40*.', expectedVersion: 1 });
    expect((await storedRow(commentId))!.bodyHtml).toBe('<p>Checked: <em>09:40</em>.</p>');
    expect((await page(li)).threads[0]!.html).toBe('<p>Checked: <em>09:40</em>.</p>');
  });

  it('stays as written when a mentioned member is renamed: the span carries the id and the name as typed', async () => {
    const { commentId } = await addComment(team.store, { actor: ana, claimId, body: 'Over to @li wei.' });
    await team.store.transaction((tx) =>
      tx.update(users).set({ name: 'Li Wei-Lin' }).where(eq(users.id, li.userId)),
    );
    const html = `<p>Over to <span class="mention" data-user-id="${li.userId}">@li wei</span>.</p>`;
    expect((await storedRow(commentId))!.bodyHtml).toBe(html);
    expect((await page(team.owner)).threads[0]!.html).toBe(html);
  });

  it('of an older row is rendered on read, the same as when written, and the read writes nothing', async () => {
    const { commentId } = await addComment(team.store, {
      actor: ana,
      claimId,
      body: 'Ask @Li Wei about the *slot*.',
    });
    const written = (await storedRow(commentId))!.bodyHtml;
    await asOlderRow(commentId);
    expect((await page(team.owner)).threads[0]!.html).toBe(written);
    expect((await storedRow(commentId))!.bodyHtml).toBeNull();
    // Its next edit stores the HTML.
    await editComment(team.store, { actor: ana, commentId, body: 'Asked.', expectedVersion: 1 });
    expect((await storedRow(commentId))!.bodyHtml).toBe('<p>Asked.</p>');
  });

  /** A text as plain paragraphs: escaped, a line break per line (no blank lines in these). */
  const plain = (text: string) =>
    `<p>${text
      .trim()
      .split('\n')
      .map((l) => l.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
      .join('<br>')}</p>`;

  it.each<[string, string]>([
    ['two thousand levels of quotes', `${'>'.repeat(2_000)} planted`],
    ['2,285 short lines', fill('- x\n> q\n1. y\n')],
    ['markup past 10,000 characters', '<script>alert(1)</script>\n'.repeat(600)],
  ])(
    'of an older row past the limits (%s) is shown as plain text, quickly, and the discussion answers',
    async (_label, body) => {
      const { commentId } = await addComment(team.store, { actor: ana, claimId, body: 'placeholder' });
      await addComment(team.store, { actor: li, claimId, body: 'A reply.', parentId: commentId });
      await asOlderRow(commentId, body);
      const { ms, value, error } = await timed(() => page(li));
      expect(error).toBeUndefined();
      expect(ms).toBeLessThan(1_000);
      expect(value!.threads[0]!.html).toBe(plain(body));
      expect(value!.threads[0]!.replies.map((r) => r.html)).toEqual(['<p>A reply.</p>']);
    },
  );
});

describe('hostile comments', () => {
  it('a 9,900-character comment of short lines, lists and quotes is written and read within a second', async () => {
    const written = await timed(() => addComment(team.store, { actor: li, claimId, body: LONG_NOTE }));
    expect(written.error).toBeUndefined();
    expect(written.ms).toBeLessThan(1_000);
    const read = await timed(() => page(ana));
    expect(read.ms).toBeLessThan(1_000);
    const html = read.value!.threads[0]!.html;
    expect(html).toContain(`<span class="mention" data-user-id="${ana.userId}">@Ana Costa</span>`);
    expect(html).toContain('<blockquote>');
  });

  it.each<[string, string, string]>([
    [
      'two thousand levels of quotes',
      `${'>'.repeat(2_000)} planted`,
      'Nest quotes and lists at most 10 levels deep (line 1 goes 2,000 levels deep).',
    ],
    [
      'a list two hundred levels deep on one line',
      `${'- '.repeat(200)}planted`,
      'Nest quotes and lists at most 10 levels deep (line 1 goes 200 levels deep).',
    ],
    [
      '9,900 characters in 2,285 short lines',
      fill('- x\n> q\n1. y\n'),
      'Keep comments to 500 lines or fewer (this one has 2,285).',
    ],
    ['more than 10,000 characters', 'x'.repeat(10_001), 'Keep comments under 10,000 characters.'],
  ])('%s: refused within a second, with a message naming the limit', async (_label, body, message) => {
    const refused = { code: 'invalid:comment', field: 'body', message };
    const written = await timed(() => addComment(team.store, { actor: ana, claimId, body }));
    expect(written.ms).toBeLessThan(1_000);
    expect(written.error).toMatchObject(refused);

    // An edit is held to the same limits (older releases stored such an edit unrendered).
    const { commentId } = await addComment(team.store, { actor: ana, claimId, body: 'A fine note.' });
    const edited = await timed(() =>
      editComment(team.store, { actor: ana, commentId, body, expectedVersion: 1 }),
    );
    expect(edited.ms).toBeLessThan(1_000);
    expect(edited.error).toMatchObject(refused);
    expect(await storedRow(commentId)).toMatchObject({ body: 'A fine note.', version: 1 });
    expect((await page(li)).threads.map((t) => t.html)).toEqual(['<p>A fine note.</p>']);
  });
});

describe('deleting', () => {
  it('owners delete anyone’s comment, audited with who deleted it and whose it was; others only their own', async () => {
    const vera = await team.member('viewer', 'Vera Lind');
    const { commentId } = await addComment(team.store, { actor: ana, claimId, body: 'A note by Ana.' });
    const byLi = await addComment(team.store, { actor: li, claimId, body: 'A note by Li.' });

    // What each reader may delete, as the discussion tells the interface.
    const deletable = async (actor: Actor) =>
      (await page(actor)).threads.map((t) => [t.authorName, t.canDelete]);
    expect(await deletable(team.owner)).toEqual([
      ['Ana Costa', true],
      ['Li Wei', true],
    ]);
    expect(await deletable(ana)).toEqual([
      ['Ana Costa', true],
      ['Li Wei', false],
    ]);
    expect(await deletable(vera)).toEqual([
      ['Ana Costa', false],
      ['Li Wei', false],
    ]);

    // A reviewer is no owner.
    await expect(deleteComment(team.store, { actor: li, commentId })).rejects.toMatchObject({
      code: 'forbidden:comment',
    });
    await expect(deleteComment(team.store, { actor: vera, commentId })).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });

    await deleteComment(team.store, { actor: team.owner, commentId });
    await deleteComment(team.store, { actor: li, commentId: byLi.commentId });
    expect((await page(ana)).threads).toEqual([]);

    const events = await team.store.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, team.workspaceId), eq(auditEvents.action, 'comment.delete')))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => ({ actor: e.actorUserId, object: e.objectId, details: e.details }))).toEqual([
      {
        actor: team.owner.userId,
        object: claimId,
        details: { commentId, excerpt: 'A note by Ana.', authorId: ana.userId, byOwner: true },
      },
      {
        actor: li.userId,
        object: claimId,
        details: { commentId: byLi.commentId, excerpt: 'A note by Li.', authorId: li.userId },
      },
    ]);
  });

  it('an owner’s delete of a first comment keeps its replies under “comment deleted”', async () => {
    const { commentId } = await addComment(team.store, { actor: ana, claimId, body: 'Started a thread.' });
    await addComment(team.store, { actor: li, claimId, body: 'Replied.', parentId: commentId });
    await deleteComment(team.store, { actor: team.owner, commentId });
    const [thread] = (await page(li)).threads;
    expect(thread).toMatchObject({ deleted: true, html: '', canDelete: false });
    expect(thread!.replies.map((r) => r.html)).toEqual(['<p>Replied.</p>']);
  });
});

describe('pages', () => {
  /** `count` threads started a second apart (the first earliest), each with `replies` replies. */
  async function threads(count: number, replies = 0): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { commentId } = await addComment(team.store, { actor: ana, claimId, body: `Thread ${i + 1}.` });
      for (let r = 0; r < replies; r++)
        await addComment(team.store, {
          actor: li,
          claimId,
          body: `Reply ${r + 1} to ${i + 1}.`,
          parentId: commentId,
        });
      ids.push(commentId);
    }
    const start = Date.UTC(2026, 0, 5, 9);
    await team.store.transaction(async (tx) => {
      for (const [i, id] of ids.entries())
        await tx
          .update(comments)
          .set({ createdAt: new Date(start + i * 1_000) })
          .where(eq(comments.id, id));
    });
    return ids;
  }

  const bodies = (p: Awaited<ReturnType<typeof page>>) => p.threads.map((t) => t.html.replace(/<\/?p>/g, ''));

  it('read the newest threads first, each page oldest first, replies with their thread', async () => {
    await threads(THREADS_PER_PAGE * 2 + 20, 0);
    const first = await page(li);
    expect(bodies(first)).toEqual(Array.from({ length: 50 }, (_, i) => `Thread ${i + 71}.`));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(li, first.nextCursor);
    expect(bodies(second)).toEqual(Array.from({ length: 50 }, (_, i) => `Thread ${i + 21}.`));
    const third = await page(li, second.nextCursor);
    expect(bodies(third)).toEqual(Array.from({ length: 20 }, (_, i) => `Thread ${i + 1}.`));
    expect(third.nextCursor).toBeNull();
  });

  it('keep replies with their thread and leave out deleted threads without replies', async () => {
    const ids = await threads(4, 2);
    await deleteComment(team.store, { actor: ana, commentId: ids[1]! }); // its replies keep it
    const [, , third] = ids;
    const replies = await team.store.db.select().from(comments).where(eq(comments.parentId, third!));
    for (const r of replies) await deleteComment(team.store, { actor: li, commentId: r.id });
    await deleteComment(team.store, { actor: ana, commentId: third! }); // nothing left of it

    const all = await listComments(team.store, { actor: li, claimId, limit: 2 });
    const earlier = await listComments(team.store, { actor: li, claimId, limit: 2, cursor: all.nextCursor });
    expect(earlier.nextCursor).toBeNull();
    expect(
      [...earlier.threads, ...all.threads].map((t) => [
        t.deleted ? '(deleted)' : t.html,
        t.replies.map((r) => r.html),
      ]),
    ).toEqual([
      ['<p>Thread 1.</p>', ['<p>Reply 1 to 1.</p>', '<p>Reply 2 to 1.</p>']],
      ['(deleted)', ['<p>Reply 1 to 2.</p>', '<p>Reply 2 to 2.</p>']],
      ['<p>Thread 4.</p>', ['<p>Reply 1 to 4.</p>', '<p>Reply 2 to 4.</p>']],
    ]);
  });

  it('end with no cursor when the discussion fits one page', async () => {
    await threads(3);
    expect(await page(li)).toMatchObject({ nextCursor: null, threads: { length: 3 } });
  });

  it.each(['not-a-cursor', Buffer.from('[1,2]').toString('base64url'), '%%%'])(
    'refuse a cursor they did not make (%s)',
    async (cursor) => {
      await expect(page(li, cursor)).rejects.toMatchObject({ code: 'invalid:comment', field: 'cursor' });
    },
  );

  it('are not read by someone outside the workspace', async () => {
    const stranger = await makeUser(team.store, { name: 'Someone Else' });
    await expect(page(stranger)).rejects.toMatchObject({ code: 'not_found:claim' });
  });
});
