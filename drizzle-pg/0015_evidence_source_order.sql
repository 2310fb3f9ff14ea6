DROP INDEX "evidence_source_idx";--> statement-breakpoint
CREATE INDEX "evidence_source_idx" ON "evidence" USING btree ("source_id","deleted_at","stance","credibility","claim_id","created_at","id");