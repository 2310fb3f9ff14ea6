CREATE TABLE `document_claim_counts` (
	`document_id` text NOT NULL,
	`bucket` integer NOT NULL,
	`claims` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`document_id`, `bucket`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- The counts of the documents that exist, carried into bucket 0 (later writes use every bucket).
INSERT INTO `document_claim_counts` (`document_id`, `bucket`, `claims`)
SELECT `anchors`.`document_id`, 0, count(DISTINCT `anchors`.`claim_id`)
FROM `anchors` INNER JOIN `claims` ON `claims`.`id` = `anchors`.`claim_id`
WHERE `claims`.`deleted_at` IS NULL
GROUP BY `anchors`.`document_id`;
