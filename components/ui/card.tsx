import { cn } from "./cn";

export function Card({ className, children, ...rest }: React.HTMLAttributes<HTMLElement>) {
  return (
    <section
      className={cn(
        "rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900",
        className,
      )}
      {...rest}
    >
      {children}
    </section>
  );
}

export function CardTitle({
  children,
  id,
  actions,
}: {
  children: React.ReactNode;
  id?: string;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <h2 id={id} className="text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {children}
      </h2>
      {actions}
    </div>
  );
}
