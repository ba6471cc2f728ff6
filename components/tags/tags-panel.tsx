"use client";

import type { TagsResponse } from "@/lib/agent-api/tags";
import { SkeletonLines } from "@/components/ui/skeleton";
import { AddTagForm } from "./add-tag-form";
import { TagRow } from "./tag-row";

/**
 * The agent's tags. The agent API can create and update tags but not delete them, so there is no
 * delete button.
 */
export function TagsPanel({ agentId, tags }: { agentId: string; tags: TagsResponse | undefined }) {
  return (
    <div>
      {!tags ? (
        <SkeletonLines lines={3} />
      ) : tags.tags.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No tags yet.</p>
      ) : (
        <ul aria-label="Tags" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tags.tags.map((t) => (
            <TagRow key={t.name} agentId={agentId} tag={t} />
          ))}
        </ul>
      )}
      <AddTagForm agentId={agentId} />
    </div>
  );
}
