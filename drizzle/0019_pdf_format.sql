-- PDF sources (issue 16 item 2): a revision may be imported from a .pdf, so 'pdf' joins the
-- CHECK of document_revisions.format. SQLite cannot change a CHECK in place: drizzle-kit rebuilds
-- the table (new table, copy, drop, rename); its statements below are unchanged (the copy selects
-- only columns the old table has). Run by the store's migrate() (db/engines/sqlite.ts) with
-- foreign keys OFF outside the transaction, then PRAGMA foreign_key_check before COMMIT.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_document_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`number` integer NOT NULL,
	`format` text NOT NULL,
	`content` text NOT NULL,
	`canonical_text` text NOT NULL,
	`word_count` integer NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "document_revisions_format_check" CHECK("format" in ('text', 'markdown', 'html', 'docx', 'pdf', 'edit'))
);
--> statement-breakpoint
INSERT INTO `__new_document_revisions`("id", "document_id", "number", "format", "content", "canonical_text", "word_count", "note", "created_by", "created_at") SELECT "id", "document_id", "number", "format", "content", "canonical_text", "word_count", "note", "created_by", "created_at" FROM `document_revisions`;--> statement-breakpoint
DROP TABLE `document_revisions`;--> statement-breakpoint
ALTER TABLE `__new_document_revisions` RENAME TO `document_revisions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `document_revisions_number_idx` ON `document_revisions` (`document_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_revisions_document_revision_idx` ON `document_revisions` (`document_id`,`id`);--> statement-breakpoint
-- ---- by hand: the triggers of the rebuilt table (as drizzle/0010 re-created them) ----
-- Dropping document_revisions dropped its triggers: revisions stay immutable, and are deleted
-- only with their document (the cascade runs once the document row is gone, so it passes).
CREATE TRIGGER `document_revisions_no_update` BEFORE UPDATE ON `document_revisions`
BEGIN
  SELECT RAISE(ABORT, 'document revisions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `document_revisions_no_delete` BEFORE DELETE ON `document_revisions`
WHEN EXISTS (SELECT 1 FROM `documents` WHERE `id` = OLD.`document_id`)
BEGIN
  SELECT RAISE(ABORT, 'document revisions are deleted only with their document');
END;
