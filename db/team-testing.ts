/**
 * Test support for the visibility tests (blind assessments, the trash, names): a workspace with a
 * short briefing of our own, members joined by invite, and claims anchored on a quote of it.
 * Used by unit tests only.
 */
import { assessmentFieldsSchema, claimFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { Role } from '@/lib/permissions';
import type { Likelihood } from '@/lib/scales';
import { freshStore, makeUser, makeWorkspace } from './testing';
import type { Store } from './store';
import type { Actor } from './queries/access';
import { saveMyAssessment } from './queries/assessments';
import { listClaimTypes } from './queries/claim-types';
import { createClaim } from './queries/claims';
import { importDocument } from './queries/documents';
import { acceptInvite, createInvite } from './queries/invites';

export interface Team {
  /** The team's fresh in-memory store. */
  store: Store;
  owner: Actor;
  workspaceId: string;
  typeId: string;
  /** Adds a member with this role (joined through an invite of the owner). */
  member: (role: Role, name: string) => Promise<Actor & { email: string }>;
  /** Imports a text document; returns its id, current revision and canonical text. */
  document: (title: string, text: string) => Promise<{ id: string; revisionId: string; text: string }>;
  /** A claim anchored on `quote` of the document. */
  claim: (
    actor: Actor,
    doc: { id: string; revisionId: string; text: string },
    quote: string,
    statement: string,
  ) => Promise<string>;
  /** Records (or revises) the actor's assessment of a claim. */
  assess: (actor: Actor, claimId: string, likelihood: Likelihood) => Promise<void>;
}

export async function makeTeam(ownerName = 'Awa Traoré', workspaceName = 'Sahel desk'): Promise<Team> {
  const store = await freshStore();
  const owner = await makeUser(store, { name: ownerName });
  const workspaceId = await makeWorkspace(store, owner, workspaceName);
  const typeId = (await listClaimTypes(store, { actor: owner, workspaceId }))[0]!.id;
  const versions = new Map<string, number>();
  return {
    store,
    owner,
    workspaceId,
    typeId,
    async member(role, name) {
      const user = await makeUser(store, { name });
      const invite = await createInvite(store, { actor: owner, workspaceId, role, expiresInDays: 1 });
      await acceptInvite(store, { actor: user, token: invite.token });
      return user;
    },
    async document(title, text) {
      const converted = await convertToDocument('text', text);
      const doc = await importDocument(store, {
        actor: owner,
        workspaceId,
        metadata: documentMetadataSchema.parse({ title }),
        format: 'text',
        converted,
      });
      return { id: doc.id, revisionId: doc.currentRevisionId!, text: converted.text };
    },
    async claim(actor, doc, quote, statement) {
      const start = doc.text.indexOf(quote);
      if (start < 0) throw new Error(`Not in the document: ${quote}`);
      const { claimId } = await createClaim(store, {
        actor,
        passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
        fields: claimFieldsSchema.parse({ statement, typeId, kind: 'reported' }),
      });
      return claimId;
    },
    async assess(actor, claimId, likelihood) {
      const key = `${actor.userId}:${claimId}`;
      const { version } = await saveMyAssessment(store, {
        actor,
        claimId,
        fields: assessmentFieldsSchema.parse({
          likelihood,
          confidence: 'moderate',
          rationale: 'Weighed it.',
        }),
        expectedVersion: versions.get(key) ?? null,
      });
      versions.set(key, version);
    },
  };
}
