import { useId } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A labelled input (text by default; time, datetime-local...) with its error and hint wired up
 * through aria-describedby / aria-invalid.
 */
export function Field({
  label,
  value,
  onChange,
  error,
  hint,
  hideLabel,
  className,
  inputClassName,
  placeholder,
  type = "text",
  list,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: React.ReactNode;
  hideLabel?: boolean;
  className?: string;
  inputClassName?: string;
  placeholder?: string;
  /** "password" for write-only values (never shown back). */
  type?: "text" | "password" | "url" | "email" | "number" | "time" | "datetime-local";
  list?: string;
}) {
  const id = useId();
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [error ? errId : "", hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
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
        type={type}
        list={list}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        autoComplete="off"
        spellCheck={false}
        className={cn(
          "h-9 w-full rounded-md border bg-white px-2.5 text-sm focus:outline-2 focus:outline-sky-600 dark:bg-zinc-900 dark:focus:outline-sky-400",
          error ? "border-red-500 dark:border-red-500" : "border-zinc-300 focus:border-sky-500 dark:border-zinc-700",
          inputClassName,
        )}
      />
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errId} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
