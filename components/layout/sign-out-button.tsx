'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { signOutEverywhereHere } from '@/components/auth/credentials';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOutEverywhereHere().catch(() => undefined);
        router.replace('/sign-in');
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
