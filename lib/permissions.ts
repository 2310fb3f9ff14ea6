/**
 * The permission table of Warrant: the one place in code that says which workspace role may do
 * what. The user guide's (docs/user-guide.md) "Roles" table mirrors it (a unit test keeps the two in step). Checks happen in
 * the data-access layer (db/queries), never in proxy.ts or only in the UI.
 */

export const ROLES = ['owner', 'reviewer', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS = {
  owner: 'Owner',
  reviewer: 'Reviewer',
  editor: 'Editor',
  viewer: 'Viewer',
} as const satisfies Record<Role, string>;
/** A role as the interface names it ("Reviewer"). */
export type RoleLabel = (typeof ROLE_LABELS)[Role];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including members and deleting the workspace',
  reviewer: 'Everything an editor may, plus adjudicate contested claims',
  editor: 'Import documents; create and edit claims, sources, evidence and own assessments',
  viewer: 'Read and export only',
};

/** Every action a role may be allowed, with the wording used in the user guide. */
export const ACTIONS = {
  'workspace.read': 'Read documents, claims, sources, evidence and discussion',
  'workspace.export': 'Export evidence tables and reports',
  'document.write': 'Import, edit and delete documents',
  'claim.write': 'Create and edit claims, sources and evidence',
  'assessment.write': 'Record and edit own assessments',
  'comment.write': 'Comment on claims',
  'comment.moderate': 'Delete any member’s comment',
  'claim.adjudicate': 'Adjudicate contested claims',
  'workspace.rename': 'Rename the workspace',
  'claim_types.manage': 'Manage claim types (name, colour, description)',
  'topics.manage': 'Rename, merge and delete topics',
  'review.settings': 'Change review settings (blind assessments)',
  'members.manage': 'Invite members, change roles, remove members',
  'trash.purge': 'Restore or purge items in the trash',
  'workspace.delete': 'Delete the workspace',
} as const;
export type Action = keyof typeof ACTIONS;

const EVERYONE: readonly Role[] = ROLES;
const WRITERS: readonly Role[] = ['owner', 'reviewer', 'editor'];
const OWNERS: readonly Role[] = ['owner'];

export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'workspace.read': EVERYONE,
  'workspace.export': EVERYONE,
  'document.write': WRITERS,
  'claim.write': WRITERS,
  'assessment.write': WRITERS,
  'comment.write': WRITERS,
  'comment.moderate': OWNERS,
  'claim.adjudicate': ['owner', 'reviewer'],
  'workspace.rename': OWNERS,
  'claim_types.manage': OWNERS,
  'topics.manage': OWNERS,
  'review.settings': OWNERS,
  'members.manage': OWNERS,
  'trash.purge': OWNERS,
  'workspace.delete': OWNERS,
};

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && PERMISSIONS[action].includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Everything a role may do, in table order (for presenters that tell the UI what to show). */
export function allowedActions(role: Role): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(role, a));
}
