import { z } from 'zod';

/** The place of a passage as the analyst saw it (the write applies only while it is still there). */
export const seenPlaceSchema = z
  .object({
    revisionId: z.string().min(1).max(100),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
  })
  .refine((p) => p.end > p.start, { message: 'The passage is empty.', path: ['end'] });
