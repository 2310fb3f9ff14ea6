ALTER TABLE "decisions" ADD COLUMN "likelihood" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "confidence" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_likelihood_check" CHECK ("likelihood" in ('almost_no_chance', 'very_unlikely', 'unlikely', 'roughly_even_chance', 'likely', 'very_likely', 'almost_certain'));--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_confidence_check" CHECK ("confidence" in ('low', 'moderate', 'high'));--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_judgment_check" CHECK (("likelihood" is null) = ("confidence" is null));