CREATE TABLE "document_claim_counts" (
	"document_id" text NOT NULL,
	"bucket" integer NOT NULL,
	"claims" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_claim_counts_document_id_bucket_pk" PRIMARY KEY("document_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "document_claim_counts" ADD CONSTRAINT "document_claim_counts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The counts of the documents that exist, carried into bucket 0 (later writes use every bucket).
INSERT INTO "document_claim_counts" ("document_id", "bucket", "claims")
SELECT "anchors"."document_id", 0, count(DISTINCT "anchors"."claim_id")
FROM "anchors" INNER JOIN "claims" ON "claims"."id" = "anchors"."claim_id"
WHERE "claims"."deleted_at" IS NULL
GROUP BY "anchors"."document_id";
