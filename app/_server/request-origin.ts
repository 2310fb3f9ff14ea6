import { headers } from 'next/headers';
import { requestOrigin, type HeaderSource } from '@/lib/request-origin';

export const trustProxy = () => process.env.TRUST_PROXY === 'true';

/** This request's origin (see lib/request-origin.ts), or null when its Host header is unusable. */
export function originOf(h: HeaderSource): string | null {
  return requestOrigin(h, { trustProxy: trustProxy(), configured: process.env.NEXTAUTH_URL });
}

/** For pages and actions; a request with an unusable Host header gets a harmless placeholder. */
export async function currentRequestOrigin(): Promise<string> {
  return originOf(await headers()) ?? 'http://localhost';
}
