import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows with the real rows' height, so the list does not jump when events arrive. */
export function EventListSkeleton({ rows }: { rows: number }) {
  return (
    <ul aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <li
          key={i}
          className="flex min-h-14 items-start gap-3 border-b border-zinc-100 py-2 last:border-b-0 dark:border-zinc-800"
        >
          <Skeleton className="h-9 w-36 shrink-0" />
          <Skeleton className="h-5 w-16 shrink-0" />
          <Skeleton className={i % 2 ? "h-4 w-2/3" : "h-4 w-1/2"} />
        </li>
      ))}
    </ul>
  );
}
