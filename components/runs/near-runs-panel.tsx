"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { useNearScreen } from "@/lib/client/use-near-screen";
import { useShortcutsThatDraw } from "@/components/keyboard/keyboard-shortcuts";
import { RunsSkeleton } from "./runs-skeleton";
import type { RunsPanel as Panel } from "./runs-panel";

/**
 * The runs (table, toolbar, keyboard selection, the virtualiser) sit below the first screen: their
 * code loads just after the page's own, with a placeholder of the panel's final size meanwhile.
 */
const RunsPanel = dynamic(() => import("./runs-panel").then((m) => m.RunsPanel), {
  ssr: false,
  loading: () => <RunsSkeleton />,
});

/**
 * The agent page's runs panel, drawn when it comes near the screen (on a phone it is several screens
 * down). Its keys work before that: "/" (the run search), j and k (the selection) draw it at once
 * and then act.
 */
export function NearRunsPanel(props: ComponentProps<typeof Panel>) {
  const { ref, near, wake } = useNearScreen<HTMLDivElement>();
  useShortcutsThatDraw(["/", "j", "k"], wake, !near);
  return <div ref={ref}>{near ? <RunsPanel {...props} /> : <RunsSkeleton />}</div>;
}
