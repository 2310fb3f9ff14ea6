'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog; the page's print stylesheet leaves only the brief. */
export function PrintButton({ label = 'Print brief' }: { label?: string }) {
  return (
    <Button type="button" size="sm" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
