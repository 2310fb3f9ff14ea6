DROP INDEX `anchors_claim_idx`;--> statement-breakpoint
DROP INDEX `evidence_claim_idx`;--> statement-breakpoint
DROP INDEX `evidence_claim_created_idx`;--> statement-breakpoint
CREATE INDEX `evidence_claim_created_idx` ON `evidence` (`claim_id`,`created_at`,`id`,`deleted_at`,`source_id`);--> statement-breakpoint
ALTER TABLE `claims` ADD `evidence_links` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `claims` ADD `tags_key` text;--> statement-breakpoint
-- Each claim's tags as the evidence table sorts them, from the existing rows (then kept by the data layer).
UPDATE claims SET tags_key = (SELECT group_concat(claim_tags.tag, ', ' ORDER BY claim_tags.tag) FROM claim_tags WHERE claim_tags.claim_id = claims.id);--> statement-breakpoint
-- Each claim's live evidence links, counted from the existing rows (then kept by the data layer).
UPDATE claims SET evidence_links = (SELECT count(*) FROM evidence INNER JOIN sources ON sources.id = evidence.source_id WHERE evidence.claim_id = claims.id AND evidence.deleted_at IS NULL AND sources.deleted_at IS NULL);
