import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const h = (xff: string | null) => ({ get: (name: string) => (name === 'x-forwarded-for' ? xff : null) });

describe('clientIp', () => {
  it.each([
    { xff: '127.0.0.1', trust: false, ip: '127.0.0.1' },
    { xff: '::ffff:10.1.2.3', trust: false, ip: '10.1.2.3' },
    { xff: '9.9.9.9, 127.0.0.1', trust: false, ip: '127.0.0.1' },
    { xff: '203.0.113.7, 10.0.0.2', trust: true, ip: '203.0.113.7' },
    { xff: 'spoofed, 203.0.113.7, 10.0.0.2', trust: true, ip: '203.0.113.7' },
    { xff: '10.0.0.2', trust: true, ip: '10.0.0.2' },
    { xff: null, trust: false, ip: 'unknown' },
    { xff: ' , ', trust: true, ip: 'unknown' },
  ])('$xff (trust proxy: $trust) → $ip', ({ xff, trust, ip }) => expect(clientIp(h(xff), trust)).toBe(ip));
});
