"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";

/** What the channel and rule lists share: the card with its "Add" form, row actions, and form footers. */
export function ListCard({
  id,
  title,
  addLabel,
  canChange,
  form,
  error,
  empty,
  children,
}: {
  id: string;
  title: string;
  addLabel: string;
  canChange: boolean;
  form: (done: () => void) => React.ReactNode;
  error?: string;
  empty?: React.ReactNode;
  children: React.ReactNode;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <Card aria-labelledby={id}>
      <CardTitle
        id={id}
        actions={
          canChange && !adding ? (
            <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
              {addLabel}
            </Button>
          ) : undefined
        }
      >
        {title}
      </CardTitle>
      {adding && (
        <div className="mb-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          {form(() => setAdding(false))}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {empty && <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>}
      <div className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</div>
    </Card>
  );
}

/** Edit and Delete (after a confirmation naming what goes). */
export function EditDelete({
  what,
  busy,
  onEdit,
  onDelete,
}: {
  what: string;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      <Button size="sm" onClick={onEdit}>
        Edit
      </Button>
      <Button
        size="sm"
        variant="ghost"
        disabled={busy}
        onClick={() => {
          if (window.confirm(`Delete the ${what}?`)) onDelete();
        }}
      >
        Delete
      </Button>
    </>
  );
}

export function FormFooter({
  error,
  busy,
  submitLabel,
  onCancel,
}: {
  error?: string;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          {submitLabel}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </>
  );
}
