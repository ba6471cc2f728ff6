import { Busy } from "@/components/ui/skeleton";

export default function Loading() {
  return <Busy label="Loading" className="dark fixed inset-0 bg-zinc-950" />;
}
