-- Written by hand (drizzle-kit generate --custom): the triggers of drizzle/0001, 0003 and 0010
-- (SQLite), in PL/pgSQL. The audit log is append-only; a document's revisions are immutable and
-- deleted only with their document (the cascade runs once the document row is gone).
CREATE FUNCTION warrant_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION warrant_audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION warrant_audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION warrant_audit_events_append_only();
--> statement-breakpoint
CREATE FUNCTION warrant_document_revisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'document revisions are immutable' USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "document_revisions_no_update" BEFORE UPDATE ON "document_revisions"
  FOR EACH ROW EXECUTE FUNCTION warrant_document_revisions_immutable();
--> statement-breakpoint
CREATE FUNCTION warrant_document_revisions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "documents" WHERE "id" = OLD."document_id") THEN
    RAISE EXCEPTION 'document revisions are deleted only with their document' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "document_revisions_no_delete" BEFORE DELETE ON "document_revisions"
  FOR EACH ROW EXECUTE FUNCTION warrant_document_revisions_no_delete();
