CREATE INDEX `anchors_claim_created_idx` ON `anchors` (`claim_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `evidence_claim_created_idx` ON `evidence` (`claim_id`,`created_at`,`id`);