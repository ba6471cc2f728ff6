import { cn } from "./cn";

/** A grey placeholder block while data loads; sized by the caller's classes (no inline styles). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded bg-zinc-200 dark:bg-zinc-800", className)} />;
}

export function SkeletonLines({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div className={cn("space-y-2", className)} aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn("h-4", i % 3 === 2 ? "w-1/2" : i % 3 === 1 ? "w-3/4" : "w-full")} />
      ))}
    </div>
  );
}

/**
 * An area whose data is still loading: busy for assistive technology, with the words a screen reader
 * reads out (a plain div may not carry a label of its own), around the placeholders sighted people see.
 */
export function Busy({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <div aria-busy="true" className={className}>
      <span role="status" className="sr-only">
        {label}
      </span>
      {children}
    </div>
  );
}
