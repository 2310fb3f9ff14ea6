PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`outcome` text NOT NULL,
	`rationale` text NOT NULL,
	`preferred_claim_id` text,
	`likelihood` text,
	`confidence` text,
	`decided_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`preferred_claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "decisions_outcome_check" CHECK("outcome" in ('accepted', 'rejected', 'disputed', 'alternative')),
	CONSTRAINT "decisions_likelihood_check" CHECK("likelihood" in ('almost_no_chance', 'very_unlikely', 'unlikely', 'roughly_even_chance', 'likely', 'very_likely', 'almost_certain')),
	CONSTRAINT "decisions_confidence_check" CHECK("confidence" in ('low', 'moderate', 'high')),
	CONSTRAINT "decisions_judgment_check" CHECK(("likelihood" is null) = ("confidence" is null))
);
--> statement-breakpoint
-- by hand: earlier decisions recorded no judgment (drizzle-kit selected the new columns from the
-- old table, where SQLite would read the double-quoted names as strings).
INSERT INTO `__new_decisions`("id", "claim_id", "outcome", "rationale", "preferred_claim_id", "likelihood", "confidence", "decided_by", "created_at") SELECT "id", "claim_id", "outcome", "rationale", "preferred_claim_id", NULL, NULL, "decided_by", "created_at" FROM `decisions`;--> statement-breakpoint
DROP TABLE `decisions`;--> statement-breakpoint
ALTER TABLE `__new_decisions` RENAME TO `decisions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `decisions_claim_idx` ON `decisions` (`claim_id`,`created_at`);