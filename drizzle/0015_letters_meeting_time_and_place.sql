ALTER TABLE "letters" ADD COLUMN "meeting_date" date;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "meeting_time" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "meeting_place" text;