import { DashboardSkeleton } from "@/components/status/dashboard-skeleton";

export default function Loading() {
  return <DashboardSkeleton />;
}
