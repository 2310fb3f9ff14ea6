ALTER TABLE "anchors" ADD COLUMN "held_revision_id" text;--> statement-breakpoint
ALTER TABLE "anchors" ADD COLUMN "held_start" integer;--> statement-breakpoint
ALTER TABLE "anchors" ADD COLUMN "held_end" integer;--> statement-breakpoint
ALTER TABLE "anchors" ADD CONSTRAINT "anchors_held_revision_id_document_revisions_id_fk" FOREIGN KEY ("held_revision_id") REFERENCES "public"."document_revisions"("id") ON DELETE no action ON UPDATE no action;