/**
 * A plain link: not-found boundaries are part of every page's first load, and next/link there ships
 * its code in a chunk of its own, a second copy next to the page's. A full load home is fine here.
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        There is nothing at this address on the dashboard.
      </p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see the note above */}
      <a href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
        See all agents
      </a>
    </main>
  );
}
