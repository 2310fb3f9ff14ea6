-- A document revision never changes once written: any UPDATE is aborted. (Rows are deleted only
-- when their document is purged from the trash.)
CREATE TRIGGER `document_revisions_no_update` BEFORE UPDATE ON `document_revisions`
BEGIN
  SELECT RAISE(ABORT, 'document revisions are immutable');
END;
