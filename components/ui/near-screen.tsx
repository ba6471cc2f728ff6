"use client";

import { useNearScreen } from "@/lib/client/use-near-screen";

/**
 * A panel drawn once it comes within a screen of the viewport (useNearScreen); until then its
 * placeholder, which must take the panel's own size so nothing moves when it is drawn.
 */
export function NearScreen({
  children,
  placeholder,
  className,
}: {
  children: React.ReactNode;
  placeholder: React.ReactNode;
  className?: string;
}) {
  const { ref, near } = useNearScreen<HTMLDivElement>();
  return (
    <div ref={ref} className={className}>
      {near ? children : placeholder}
    </div>
  );
}
