import * as s from "../contract-schedules";
import { ScheduleInputSchema } from "../schedule-input";
import { json, type Operation } from "./shape";

/*
 * Schedules' part of the API (README "Schedules"): an agent's pause windows, maintenance windows and
 * tag schedules. Reading needs `read` and never asks the agent; every change needs `admin`, and is
 * applied before the answer (a change the agent cannot take yet is retried, and the state says so).
 */
export const SCHEDULE_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/agents/{agentId}/schedules",
    operationId: "listSchedules",
    tag: "Schedules",
    summary: "The agent's schedules, each with its occurrence now or next, and where the agent stands with them",
    description:
      "`state.window`: the window the agent is in (overlapping ones merged) and what the scheduler did about it (`paused`, `applying`, `overridden`, `left`, or `mute` for a window that only mutes alerts); `state.nextPause`: the next window that pauses it.",
    scope: "read",
    replies: { 200: json("The schedules and the state", s.SchedulesResponseSchema) },
  },
  {
    method: "post",
    path: "/api/agents/{agentId}/schedules",
    operationId: "createSchedule",
    tag: "Schedules",
    summary: "Add a weekly pause window, a maintenance window or a tag schedule; applied before the answer",
    description: `Windows take \`pause\` (default true) and \`muteAlerts\` (default false, maintenance true); a maintenance window lasts at most ${s.MAX_MAINTENANCE_DAYS} days and must not be over already; at most ${s.MAX_SCHEDULES_PER_AGENT} schedules per agent.`,
    scope: "admin",
    body: {
      schema: ScheduleInputSchema,
      example: {
        kind: "maintenance",
        name: "Patch night",
        start: "2026-12-07T22:00:00+01:00",
        end: "2026-12-08T02:00:00+01:00",
      },
    },
    replies: { 201: json("Added, and the agent's state after it was applied", s.ScheduleResponseSchema) },
  },
  {
    method: "patch",
    path: "/api/agents/{agentId}/schedules/{scheduleId}",
    operationId: "updateSchedule",
    tag: "Schedules",
    summary: "Change the fields sent (`name`/`timeZone` `null` removes them); the kind cannot change",
    description:
      "The result is checked whole (400 with fields) and applied before the answer: disabling or shortening the window that paused the agent resumes it, or pauses it again with the shorter timer.",
    scope: "admin",
    body: { schema: s.SchedulePatchSchema, example: { enabled: false } },
    replies: { 200: json("Changed, and the agent's state after it was applied", s.ScheduleResponseSchema) },
  },
  {
    method: "delete",
    path: "/api/agents/{agentId}/schedules/{scheduleId}",
    operationId: "deleteSchedule",
    tag: "Schedules",
    summary: "Delete a schedule; deleting the window that paused the agent resumes it",
    scope: "admin",
    replies: { 200: json("Deleted, and the agent's state after it", s.ScheduleDeletedSchema) },
  },
];
