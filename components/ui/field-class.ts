/** The look of the toolbars' text fields and selects, with a focus ring that holds 3:1 in both themes. */
export const FIELD_CLASS =
  "h-9 rounded-md border border-zinc-300 bg-white px-2.5 text-sm focus:border-sky-600 focus:outline-2 focus:outline-sky-600 dark:border-zinc-700 dark:bg-zinc-900 dark:focus:border-sky-400 dark:focus:outline-sky-400";
