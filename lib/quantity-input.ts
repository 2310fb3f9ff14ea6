/** A claim's quantity as the claim form and the API send it (amount and unit), validated. */
import { z } from 'zod';
import { parseQuantityText, type Quantity } from './quantity';

export const quantityInputSchema = z
  .object({
    amount: z.string().trim().max(100).optional(),
    unit: z.string().trim().max(40, 'Use at most 40 characters for the unit.').optional(),
  })
  .transform((v, ctx): Quantity | null => {
    if (!v.amount) {
      if (v.unit)
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount for this unit.' });
      return null;
    }
    const parsed = parseQuantityText(v.amount);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Enter a number or a range, e.g. 206, €2.5M, 2.5 million euros or 180–200.',
      });
      return null;
    }
    // The unit field wins; else the unit the figure carries ("€2.5M" → EUR).
    return { min: parsed.min, max: parsed.max, unit: v.unit || parsed.unit || '' };
  });
