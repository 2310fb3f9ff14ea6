'use client';

import { useState } from 'react';
import { Button } from './button';

/** A value shown once to be copied (an invite link, a new API token): selectable, with a copy button. */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  // The value last copied: a new value shows the copy button again.
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="flex gap-2">
      <input
        readOnly
        aria-label={label}
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
      />
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(value).catch(() => undefined);
          setCopied(value);
        }}
      >
        {copied === value ? 'Copied' : copyLabel}
      </Button>
    </div>
  );
}
