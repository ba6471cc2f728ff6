"use client";

import { useState } from "react";
import type { Tag } from "@/lib/agent-api/tags";
import { useSetTags } from "@/lib/client/mutations";
import { serverTagErrors, validateTag } from "@/lib/client/tag-validation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/**
 * One tag with its value editable in place. "Save" and "Cancel" appear once the value differs
 * from the agent's, so an unchanged list has no stray buttons.
 */
export function TagRow({ agentId, tag }: { agentId: string; tag: Tag }) {
  // null = not editing: show the agent's current value as polls bring it.
  const [draft, setDraft] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const set = useSetTags(agentId);
  const value = draft ?? tag.value;
  const dirty = draft !== null && draft !== tag.value;
  const server = serverTagErrors(set.error);
  const error = localError ?? server.value ?? server.name ?? server.form;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    if (!dirty || set.isPending) return;
    const v = validateTag(tag.name, value);
    if (!v.ok) {
      setLocalError(v.errors.value ?? v.errors.name ?? v.errors.form);
      return;
    }
    set.mutate({ tags: [v.tag] }, { onSuccess: () => setDraft(null) });
  };

  return (
    <li>
      <form
        onSubmit={save}
        noValidate
        className="grid grid-cols-1 items-start gap-2 py-2 sm:grid-cols-[minmax(8rem,14rem)_1fr_auto]"
        aria-label={`Tag ${tag.name}`}
      >
        <span className="truncate pt-2 font-mono text-sm font-medium" title={tag.name}>
          {tag.name}
        </span>
        <Field
          label={`Value of tag ${tag.name}`}
          hideLabel
          value={value}
          onChange={(v) => {
            setDraft(v);
            setLocalError(undefined);
            if (set.error) set.reset();
          }}
          error={error}
        />
        <div className="flex h-9 items-center gap-1.5">
          {(dirty || set.isPending) && (
            <>
              <Button type="submit" size="sm" variant="primary" disabled={set.isPending}>
                {set.isPending ? "Saving…" : "Save"}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={set.isPending}
                onClick={() => {
                  setDraft(null);
                  setLocalError(undefined);
                  set.reset();
                }}
              >
                Cancel
              </Button>
            </>
          )}
        </div>
      </form>
    </li>
  );
}
