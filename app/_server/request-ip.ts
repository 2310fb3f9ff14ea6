import { headers } from 'next/headers';
import { clientIp } from '@/lib/client-ip';
import { trustProxy } from './auth';

export async function requestIp(): Promise<string> {
  return clientIp(await headers(), trustProxy());
}
