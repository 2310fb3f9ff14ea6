import { auditEvents } from './schema';
import type { Tx } from './store';

export interface AuditInput {
  actorUserId: string | null;
  workspaceId?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one audit event. Call it inside the transaction of the write it records. */
export async function audit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: event.actorUserId,
    workspaceId: event.workspaceId ?? null,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    ip: event.ip ?? null,
    details: event.details ?? null,
  });
}
