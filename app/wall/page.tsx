import type { Metadata } from "next";
import { AllAgentsWall } from "@/components/wall/all-agents-wall";

export const metadata: Metadata = { title: "Wall" };

export default function WallPage() {
  return <AllAgentsWall />;
}
