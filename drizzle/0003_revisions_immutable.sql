-- A document revision's text never changes once written: an UPDATE of any of its own columns is
-- aborted. (Only `created_by` may still be cleared by its foreign key if an account is deleted;
-- rows are deleted only when their document is purged from the trash.)
CREATE TRIGGER `document_revisions_no_update` BEFORE UPDATE OF `id`, `document_id`, `number`, `format`, `content`, `canonical_text`, `word_count`, `note`, `created_at` ON `document_revisions`
BEGIN
  SELECT RAISE(ABORT, 'document revisions are immutable');
END;
