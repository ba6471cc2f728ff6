import { Busy, Skeleton } from "@/components/ui/skeleton";

/**
 * The runs panel before its code or its runs arrive, in the panel's own shape: the toolbar's row,
 * then the table's box at the height it takes with more than a screenful of runs (its maximum), so
 * the page does not move when the rows fill in.
 */
export function RunsSkeleton() {
  return (
    <Busy label="Loading the runs">
      <Skeleton className="mb-3 h-9 w-full sm:w-64" />
      <div className="h-[calc(100vh-10rem)] min-h-40 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <Skeleton className="h-5 w-full" />
      </div>
    </Busy>
  );
}
