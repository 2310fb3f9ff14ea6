import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Warrant',
  description: 'Claim-and-evidence annotation for analyst teams',
};

/**
 * Every page is rendered per request: proxy.ts sends a Content-Security-Policy with a fresh
 * nonce, and Next puts that nonce on its scripts only when it renders the page for the request.
 * A page prerendered at build time (the not-found page was one) carries no nonce, so the
 * browser refuses all its scripts and the page never becomes interactive.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
