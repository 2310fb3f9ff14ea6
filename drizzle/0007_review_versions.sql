ALTER TABLE `claims` ADD `review_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `evidence` ADD `stance_changed_at` integer;