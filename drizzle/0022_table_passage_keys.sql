ALTER TABLE `claims` ADD `passage_key` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `passage_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `document_key` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `anchor_key` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `first_document` text;--> statement-breakpoint
-- Each claim's passages as the evidence table sorts them, from the existing rows (then kept by the data layer).
UPDATE claims SET
  passage_key = (SELECT anchors.exact FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id ORDER BY anchors.created_at, anchors.id LIMIT 1),
  passage_count = (SELECT count(*) FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id),
  document_key = (SELECT group_concat(title, char(10) ORDER BY first_at, title) FROM (SELECT documents.title AS title, min(anchors.created_at) AS first_at FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id GROUP BY documents.title) AS titles),
  anchor_key = (SELECT group_concat((CASE WHEN anchors.status = 'fuzzy' THEN 'fuzzy (' || printf('%.2f', anchors.score) || ')' ELSE anchors.status END), ', ' ORDER BY anchors.created_at, anchors.id) FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id),
  first_document = (SELECT documents.title FROM anchors INNER JOIN documents ON documents.id = anchors.document_id AND documents.deleted_at IS NULL WHERE anchors.claim_id = claims.id ORDER BY anchors.created_at, anchors.id LIMIT 1);
