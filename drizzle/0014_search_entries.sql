CREATE TABLE `search_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`document_id` text,
	`claim_id` text,
	`source_id` text,
	`evidence_id` text,
	`comment_id` text,
	`position` integer,
	`body` text NOT NULL,
	`scope` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "search_entries_kind_check" CHECK("kind" in ('passage', 'document', 'claim', 'source', 'evidence', 'comment'))
);
--> statement-breakpoint
CREATE INDEX `search_entries_document_idx` ON `search_entries` (`document_id`,`kind`);--> statement-breakpoint
CREATE INDEX `search_entries_claim_idx` ON `search_entries` (`claim_id`,`kind`);--> statement-breakpoint
CREATE INDEX `search_entries_source_idx` ON `search_entries` (`source_id`);--> statement-breakpoint
CREATE INDEX `search_entries_evidence_idx` ON `search_entries` (`evidence_id`);--> statement-breakpoint
CREATE INDEX `search_entries_comment_idx` ON `search_entries` (`comment_id`);