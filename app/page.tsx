import { Overview } from "@/components/overview/overview";

export default function HomePage() {
  return <Overview />;
}
