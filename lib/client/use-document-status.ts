"use client";

import { useEffect } from "react";
import { FAVICON_COLOR, documentTitle, type TabStatus } from "./document-status";

const LINK_ID = "agent-deck-status-icon";

/** A 32 px status dot; while active, a pie shows the overall percent. */
function drawFavicon(status: TabStatus): string | null {
  const canvas = document.createElement("canvas");
  canvas.width = 32;
  canvas.height = 32;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  const color = FAVICON_COLOR[status.state];
  ctx.beginPath();
  ctx.arc(16, 16, 14, 0, Math.PI * 2);
  ctx.fillStyle = status.state === "active" ? `${color}55` : color;
  ctx.fill();
  if (status.state === "active" && status.percent !== undefined) {
    ctx.beginPath();
    ctx.moveTo(16, 16);
    ctx.arc(16, 16, 14, -Math.PI / 2, -Math.PI / 2 + (Math.PI * 2 * Math.min(100, status.percent)) / 100);
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
  }
  return canvas.toDataURL("image/png");
}

/**
 * Keeps the tab title and favicon in step with the agent, so a background tab still tells the
 * user whether something needs attention. Our own <link rel="icon"> is appended last (browsers use
 * the last one) and removed on leaving, which restores the static icon.
 */
export function useDocumentStatus(status: TabStatus | null): void {
  const title = status ? documentTitle(status) : null;
  const state = status?.state;
  const percent = status?.percent === undefined ? undefined : Math.floor(status.percent / 5) * 5;

  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  useEffect(() => {
    if (!state) return;
    const href = drawFavicon({ name: "", state, percent });
    if (!href) return;
    let link = document.getElementById(LINK_ID) as HTMLLinkElement | null;
    if (!link) {
      link = document.createElement("link");
      link.id = LINK_ID;
      link.rel = "icon";
      link.type = "image/png";
      document.head.appendChild(link);
    }
    link.href = href;
  }, [state, percent]);

  useEffect(() => () => document.getElementById(LINK_ID)?.remove(), []);
}

/** A plain tab title for pages without a status (e.g. one run); null leaves it unchanged. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
