'use client';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <head>
        <title>Something went wrong · Warrant</title>
      </head>
      <body>
        <main style={{ maxWidth: 560, margin: '96px auto', fontFamily: 'system-ui', textAlign: 'center' }}>
          <h1>Something went wrong</h1>
          <p>Warrant could not show this page. Reference: {error.digest ?? 'none'}.</p>
        </main>
      </body>
    </html>
  );
}
