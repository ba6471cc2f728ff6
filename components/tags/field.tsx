import { useId } from "react";
import { cn } from "@/components/ui/cn";

/** A labelled text input with its error wired up through aria-describedby / aria-invalid. */
export function Field({
  label,
  value,
  onChange,
  error,
  hideLabel,
  className,
  inputClassName,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hideLabel?: boolean;
  className?: string;
  inputClassName?: string;
  placeholder?: string;
}) {
  const id = useId();
  const errId = `${id}-error`;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label
        htmlFor={id}
        className={cn("text-xs font-medium text-zinc-600 dark:text-zinc-400", hideLabel && "sr-only")}
      >
        {label}
      </label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
        autoComplete="off"
        spellCheck={false}
        className={cn(
          "h-9 w-full rounded-md border bg-white px-2.5 text-sm focus:outline-2 focus:outline-sky-600 dark:bg-zinc-900 dark:focus:outline-sky-400",
          error ? "border-red-500 dark:border-red-500" : "border-zinc-300 focus:border-sky-500 dark:border-zinc-700",
          inputClassName,
        )}
      />
      {error && (
        <p id={errId} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
