ALTER TABLE `anchors` ADD `held_revision_id` text REFERENCES document_revisions(id);--> statement-breakpoint
ALTER TABLE `anchors` ADD `held_start` integer;--> statement-breakpoint
ALTER TABLE `anchors` ADD `held_end` integer;