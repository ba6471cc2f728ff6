export default function Loading() {
  return <div className="dark fixed inset-0 bg-zinc-950" aria-busy="true" aria-label="Loading" />;
}
