"use client";

import { useRef } from "react";
import { useShortcut } from "@/components/keyboard/keyboard-shortcuts";
import { cn } from "./cn";
import { FIELD_CLASS } from "./field-class";

/** A page's search box: "/" focuses it from anywhere on the page; Esc clears it, and a second Esc leaves it. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
  className,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useShortcut("/", () => {
    const input = ref.current;
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  });
  return (
    <input
      ref={ref}
      type="search"
      aria-label={label}
      aria-keyshortcuts="/"
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        if (value) onChange("");
        else e.currentTarget.blur();
      }}
      className={cn(FIELD_CLASS, className)}
    />
  );
}
