/* The shortcuts sheet's list, kept apart from the key handling so it loads with the sheet only. */

/** Keys pressed one after the other ("g" then "o"), and what they do. */
export type ShortcutHelp = { keys: string[]; what: string };

/** Every shortcut, for the sheet that "?" opens (the handlers live with the things they act on). */
export const SHORTCUT_GROUPS: { title: string; shortcuts: ShortcutHelp[] }[] = [
  {
    title: "Anywhere",
    shortcuts: [
      { keys: ["?"], what: "Show these shortcuts" },
      { keys: ["g", "o"], what: "Go to the overview" },
      { keys: ["g", "w"], what: "Go to the wall view (this agent’s on an agent page)" },
      { keys: ["g", "a"], what: "Go to the activity (this agent’s on an agent page)" },
      { keys: ["Esc"], what: "Close a dialog; clear the run selection" },
    ],
  },
  {
    title: "Runs and activity",
    shortcuts: [
      { keys: ["/"], what: "Search the runs (the events on an activity page)" },
      { keys: ["Esc"], what: "In a search: clear it, then leave it" },
      { keys: ["j"], what: "Select the next run" },
      { keys: ["k"], what: "Select the previous run" },
      { keys: ["Enter"], what: "Open the selected run" },
    ],
  },
];
