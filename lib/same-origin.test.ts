import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from './same-origin';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });

describe('isSameOriginRequest', () => {
  it.each([
    [
      { host: 'warrant.example.org', origin: 'https://warrant.example.org', 'sec-fetch-site': 'same-origin' },
      true,
    ],
    [{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, true],
    [
      {
        host: 'internal:3000',
        'x-forwarded-host': 'warrant.example.org',
        origin: 'https://warrant.example.org',
      },
      true,
    ],
    [{ host: 'warrant.example.org' }, true],
    [{ host: 'warrant.example.org', 'sec-fetch-site': 'cross-site' }, false],
    [
      { host: 'warrant.example.org', 'sec-fetch-site': 'same-site', origin: 'https://blog.example.org' },
      false,
    ],
    [{ host: 'warrant.example.org', origin: 'https://evil.example' }, false],
    [{ host: 'warrant.example.org', origin: 'null' }, false],
    [{ origin: 'https://warrant.example.org' }, false],
  ])('%j → %s', (h, expected) => expect(isSameOriginRequest(headers(h))).toBe(expected));
});
