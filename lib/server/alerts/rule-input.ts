import "server-only";
import { safeParse } from "@/lib/agent-api/zod";
import {
  RUN_TRIGGERS,
  RuleInputSchema,
  RulePatchSchema,
  TIMED_TRIGGERS,
  type Rule,
  type RuleInput,
} from "@/lib/bff/contract-alerts";
import { AppError } from "../errors";
import { validationError } from "../request-body";

/**
 * Rules between the API and the store: defaults filled in, and the checks a schema alone cannot
 * make (a timed trigger needs its duration, channels and agents must exist, options must fit the
 * trigger), each a 400 naming the field.
 */
export const DEFAULT_RESOLVE_SECONDS = 60;

export type RuleRefs = { channelIds: ReadonlySet<string>; agentIds: ReadonlySet<string> };

export function parseRuleInput(raw: unknown): RuleInput {
  const parsed = safeParse(RuleInputSchema, raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function invalid(field: string, message: string): never {
  throw new AppError("invalid_input", `The request body is not valid: ${field}: ${message}`, { [field]: [message] });
}

/** Problems a rule has in the context of the channels and agents there are, or undefined. */
export function ruleProblem(input: RuleInput, refs: RuleRefs): { field: string; message: string } | undefined {
  if (TIMED_TRIGGERS.includes(input.trigger) && !input.forSeconds)
    return { field: "forSeconds", message: `${input.trigger} needs forSeconds (how long before it counts)` };
  if (input.runMatch && !RUN_TRIGGERS.includes(input.trigger))
    return { field: "runMatch", message: "runMatch applies to run triggers only" };
  if (input.onlyWithData && input.trigger !== "run_finished")
    return { field: "onlyWithData", message: "onlyWithData applies to run_finished only" };
  const missing = input.channels.find((c) => !refs.channelIds.has(c));
  if (missing !== undefined) return { field: "channels", message: `No channel with id "${missing}"` };
  if (input.agents !== "*") {
    const unknown = input.agents.find((a) => !refs.agentIds.has(a));
    if (unknown !== undefined) return { field: "agents", message: `No agent with id "${unknown}" is configured` };
  }
  return undefined;
}

export function ruleFromInput(input: RuleInput, refs: RuleRefs, id: string, now: number, source: "ui" | "file"): Rule {
  const problem = ruleProblem(input, refs);
  if (problem) invalid(problem.field, problem.message);
  return {
    id,
    name: input.name,
    trigger: input.trigger,
    agents: input.agents,
    ...(input.runMatch ? { runMatch: input.runMatch } : {}),
    forSeconds: input.forSeconds ?? 0,
    ...(input.remindSeconds ? { remindSeconds: input.remindSeconds } : {}),
    resolveSeconds: input.resolveSeconds ?? DEFAULT_RESOLVE_SECONDS,
    ...(input.onlyWithData ? { onlyWithData: true } : {}),
    ...(input.quietHours ? { quietHours: input.quietHours } : {}),
    channels: [...new Set(input.channels)],
    enabled: input.enabled,
    source,
    createdAt: now,
    updatedAt: now,
  };
}

/** A PATCH merged into the stored rule and checked whole (null clears an optional field). */
export function patchRule(existing: Rule, raw: unknown, refs: RuleRefs, now: number): Rule {
  const patch = safeParse(RulePatchSchema, raw);
  if (!patch.success) throw validationError(patch.error);
  const { id, source, createdAt, updatedAt, ...current } = existing;
  void updatedAt;
  const merged = { ...current, ...patch.data };
  const input = parseRuleInput(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null)));
  return { ...ruleFromInput(input, refs, id, createdAt, source), updatedAt: now };
}
