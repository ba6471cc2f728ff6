/** The BFF's name for an agent when AGENT_NAME is not set. */
const DEFAULT_CONFIGURED_NAME = "Local agent";

/**
 * The name shown for an agent. The operator's configured name wins (it is how they tell agents
 * apart), except the unconfigured default, where the agent's own device name says more.
 */
export function displayName(configured: string | undefined, reported: string | undefined, id: string): string {
  if (configured && configured !== DEFAULT_CONFIGURED_NAME) return configured;
  return reported || configured || id;
}
