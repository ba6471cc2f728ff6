"use client";

import { useState } from "react";
import { useSetTags } from "@/lib/client/mutations";
import { serverTagErrors, validateTag, type TagFieldErrors } from "@/lib/client/tag-validation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Adds (or, for an existing name, updates) a tag. Inputs are labelled "Tag name" and "Tag value". */
export function AddTagForm({ agentId }: { agentId: string }) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [local, setLocal] = useState<TagFieldErrors>({});
  const set = useSetTags(agentId);
  const errors = { ...serverTagErrors(set.error), ...local };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (set.isPending) return;
    const v = validateTag(name, value);
    if (!v.ok) {
      setLocal(v.errors);
      return;
    }
    setLocal({});
    set.mutate(
      { tags: [v.tag] },
      {
        onSuccess: () => {
          setName("");
          setValue("");
        },
      },
    );
  };

  const edit = (f: (s: string) => void) => (s: string) => {
    f(s);
    // A fresh edit clears stale messages; the next submit re-validates.
    if (local.name || local.value || local.form) setLocal({});
    if (set.error) set.reset();
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-4 border-t border-zinc-100 pt-4 dark:border-zinc-800"
      aria-label="Add a tag"
    >
      <div className="flex flex-wrap items-start gap-2">
        <Field
          label="Tag name"
          value={name}
          onChange={edit(setName)}
          error={errors.name}
          className="w-full sm:w-48"
          placeholder="e.g. SITE"
        />
        <Field
          label="Tag value"
          value={value}
          onChange={edit(setValue)}
          error={errors.value}
          className="w-full flex-1 sm:w-auto"
          placeholder="e.g. Berlin"
        />
        <Button type="submit" variant="primary" className="sm:mt-5" disabled={set.isPending}>
          {set.isPending ? "Adding…" : "Add tag"}
        </Button>
      </div>
      {errors.form && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {errors.form}
        </p>
      )}
      {set.isSuccess && (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
          Tag saved.
        </p>
      )}
    </form>
  );
}
