// Audit events: who did what to which record, with field changes as { field: [before, after] }.
import type { Db } from "@/lib/db/client";

type Tx = Pick<Db, "auditEvent">;
export type AuditInput = {
  actorId: string | null;
  entity: string;
  entityId: string | number;
  action: string;
  changes?: Record<string, unknown>;
};

export function recordAudit(tx: Tx, e: AuditInput) {
  return tx.auditEvent.create({
    data: {
      actorId: e.actorId,
      entity: e.entity,
      entityId: String(e.entityId),
      action: e.action,
      changes: e.changes ? JSON.stringify(e.changes) : null,
    },
  });
}
