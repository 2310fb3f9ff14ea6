// @ts-check

/** Headers that hold for every response, static files included. The Content-Security-Policy,
 * which needs a per-request nonce, is set in proxy.ts. */
const staticSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The worker pool loads its threads from lib/jobs/worker.cjs at run time (not bundled); PDF.js
  // is loaded there on demand (lib/documents/pdf.ts) and loads its own worker module by path.
  serverExternalPackages: ['piscina', 'pdfjs-dist'],
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders },
      // JSON answers of route handlers (pages get a nonce-based policy from proxy.ts).
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

module.exports = nextConfig;
