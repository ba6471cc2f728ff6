"use client";

import { WallError } from "@/components/wall/wall-error";

export default function WallErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <WallError error={error} reset={reset} />;
}
