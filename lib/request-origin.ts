/**
 * The origin (scheme://host[:port]) a request was addressed to, decided without trusting what a
 * client may forge. Without a trusted reverse proxy, Warrant's own server speaks plain HTTP, so
 * the scheme is http and the host is the Host header (checked for shape): X-Forwarded-Host,
 * X-Forwarded-Proto and Forwarded are ignored. Behind a trusted proxy (TRUST_PROXY=true) the
 * proxy's X-Forwarded-Proto and X-Forwarded-Host (first value) are used. An origin configured
 * by the operator (NEXTAUTH_URL) wins over both.
 */
export interface HeaderSource {
  get(name: string): string | null;
}

const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function isValidHost(host: string): boolean {
  if (host.length > 255 || !HOST.test(host)) return false;
  const port = /:(\d+)$/.exec(host.startsWith('[') ? host.slice(host.indexOf(']')) : host)?.[1];
  return port === undefined || Number(port) <= 65535;
}

function first(value: string | null): string | null {
  const head = value?.split(',')[0]?.trim();
  return head ? head : null;
}

export function requestOrigin(
  headers: HeaderSource,
  { trustProxy, configured }: { trustProxy: boolean; configured?: string },
): string | null {
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      return null;
    }
  }
  let scheme = 'http';
  let host = first(headers.get('host'));
  if (trustProxy) {
    const proto = first(headers.get('x-forwarded-proto'))?.toLowerCase();
    if (proto === 'https' || proto === 'http') scheme = proto;
    host = first(headers.get('x-forwarded-host')) ?? host;
  }
  if (!host || !isValidHost(host)) return null;
  return `${scheme}://${host.toLowerCase()}`;
}
