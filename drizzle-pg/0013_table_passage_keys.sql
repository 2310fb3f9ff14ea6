ALTER TABLE "claims" ADD COLUMN "passage_key" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "passage_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "document_key" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "anchor_key" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "first_document" text;--> statement-breakpoint
-- Each claim's passages as the evidence table sorts them, from the existing rows (then kept by the data layer).
UPDATE claims SET
  passage_key = (SELECT anchors.exact FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id ORDER BY anchors.created_at, anchors.id LIMIT 1),
  passage_count = (SELECT count(*) FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id),
  document_key = (SELECT string_agg(title, chr(10) ORDER BY first_at, title) FROM (SELECT documents.title AS title, min(anchors.created_at) AS first_at FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id GROUP BY documents.title) AS titles),
  anchor_key = (SELECT string_agg((CASE WHEN anchors.status = 'fuzzy' THEN 'fuzzy (' || to_char(anchors.score::numeric, 'FM0.00') || ')' ELSE anchors.status END), ', '::text ORDER BY anchors.created_at, anchors.id) FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id),
  first_document = (SELECT documents.title FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id ORDER BY anchors.created_at, anchors.id LIMIT 1);
