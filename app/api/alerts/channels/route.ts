import { ChannelInputSchema, ChannelSchema, ChannelsResponseSchema } from "@/lib/bff/contract-alerts";
import { dashboardActor } from "@/lib/server/actor";
import { createChannel, listChannels } from "@/lib/server/alerts/admin";
import { requireAlerts } from "@/lib/server/alerts";
import { apiRoute, json } from "@/lib/server/route";

/** The alert channels: settings and whether a secret is set, never a secret's value. */
export const GET = apiRoute({}, async () => json(ChannelsResponseSchema, { channels: listChannels(requireAlerts()) }));

/** A new channel: {"type","name",...its fields}; 201 with the channel as GET shows it. */
export const POST = apiRoute(
  { mutating: true, scope: "admin", body: ChannelInputSchema },
  async ({ req, body, config, access }) =>
    json(ChannelSchema, createChannel(requireAlerts(), body, dashboardActor(req.headers, access, config)), {
      status: 201,
    }),
);
