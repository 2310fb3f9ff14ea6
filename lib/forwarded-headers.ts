/**
 * Forwarding headers (X-Forwarded-For/Host/Proto/Port, X-Real-IP, Forwarded) say who the client
 * is and which origin it addressed; anyone can send them. Next's own server fills the
 * X-Forwarded-* headers only when they are missing (`??=`), so a client's values would reach
 * next-auth, server actions' origin check and sign-in throttling. This module rewrites them on
 * each incoming request, before Next sees it:
 *
 * - no trusted proxy (default): the client's values are dropped and replaced with the true ones
 *   (the socket's address and port, http or https as the socket is, the Host header);
 * - TRUST_PROXY=true: the proxy's headers are kept and the socket's address is appended to
 *   X-Forwarded-For, so lib/client-ip.ts reads the address the proxy saw.
 *
 * `installForwardedHeaderGuard` applies it to every HTTP(S) server of the process, including the
 * one `next start` creates; instrumentation.ts installs it when the server starts.
 */
import http from 'node:http';
import https from 'node:https';

export const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-forwarded-server',
  'x-forwarded-ssl',
  'x-real-ip',
] as const;

const DONE = Symbol.for('warrant.forwarded-headers.done');
export const GUARD_INSTALLED = Symbol.for('warrant.forwarded-headers.installed');

export interface IncomingLike {
  headers: http.IncomingHttpHeaders;
  rawHeaders?: string[];
  socket?: { remoteAddress?: string; localPort?: number; encrypted?: boolean } | null;
  [DONE]?: boolean;
}

function setHeader(req: IncomingLike, name: string, value: string | undefined) {
  if (value === undefined) delete req.headers[name];
  else req.headers[name] = value;
}

/** Rewrites the forwarding headers of one request in place (once; later calls do nothing). */
export function sanitizeForwardedHeaders(req: IncomingLike, { trustProxy }: { trustProxy: boolean }): void {
  if (req[DONE]) return;
  req[DONE] = true;
  const peer = req.socket?.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const sent = req.headers['x-forwarded-for'];
    const chain = (Array.isArray(sent) ? sent.join(', ') : (sent ?? '')).trim();
    setHeader(req, 'x-forwarded-for', chain ? `${chain}, ${peer}` : peer);
  } else {
    for (const name of FORWARDING_HEADERS) delete req.headers[name];
    const host = req.headers.host;
    setHeader(req, 'x-forwarded-for', peer);
    setHeader(req, 'x-forwarded-proto', req.socket?.encrypted ? 'https' : 'http');
    setHeader(req, 'x-forwarded-host', typeof host === 'string' && host ? host : undefined);
    setHeader(req, 'x-forwarded-port', req.socket?.localPort ? String(req.socket.localPort) : undefined);
  }
  if (Array.isArray(req.rawHeaders)) req.rawHeaders = rebuildRawHeaders(req);
}

/** rawHeaders agrees with headers for the forwarding names (dropped, then the final values). */
function rebuildRawHeaders(req: IncomingLike): string[] {
  const raw = req.rawHeaders ?? [];
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!(FORWARDING_HEADERS as readonly string[]).includes(raw[i]!.toLowerCase()))
      kept.push(raw[i]!, raw[i + 1]!);
  }
  for (const name of FORWARDING_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') kept.push(name, value);
  }
  return kept;
}

const EVENTS_WITH_REQUEST = new Set(['request', 'upgrade', 'checkContinue', 'checkExpectation', 'connect']);

/** Sanitises every request of every HTTP and HTTPS server of this process, before any listener. */
export function installForwardedHeaderGuard({ trustProxy }: { trustProxy: boolean }): void {
  const registry = globalThis as { [GUARD_INSTALLED]?: { trustProxy: boolean } };
  if (registry[GUARD_INSTALLED]) return;
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const original = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (
        typeof event === 'string' &&
        EVENTS_WITH_REQUEST.has(event) &&
        args[0] &&
        typeof args[0] === 'object'
      )
        sanitizeForwardedHeaders(args[0] as IncomingLike, { trustProxy });
      return original.call(this, event, ...args);
    } as typeof proto.emit;
  }
  registry[GUARD_INSTALLED] = { trustProxy };
}
