'use client';

/** Shown when a page fails unexpectedly. It never shows the error's text or stack to the user. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        The page could not be shown. Nothing you saved is lost. Try again; if it keeps failing, give your
        administrator this reference: <code>{error.digest ?? 'none'}</code>.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-indigo-700 px-4 py-2 text-sm text-white"
      >
        Try again
      </button>
    </main>
  );
}
