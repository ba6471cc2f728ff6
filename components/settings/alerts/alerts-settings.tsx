"use client";

import { useDocumentTitle } from "@/lib/client/use-document-status";
import { Banner } from "@/components/ui/banner";
import { DeliveriesCard, IncidentsCard } from "./activity-cards";
import { ChannelsCard } from "./channels-card";
import { RulesCard } from "./rules-card";
import { SnoozeBar } from "./snooze-bar";

/**
 * /settings/alerts: the snooze, channels, rules, incidents and the delivery log. A read-only
 * (view password) session sees it all without a control: the routes would refuse its changes anyway.
 */
export function AlertsSettings({ canChange }: { canChange: boolean }) {
  useDocumentTitle("Alerts — Settings — Agent Deck");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Alerts</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          The dashboard watches every agent whether or not a page is open, and tells the channels of a rule when an
          incident opens, reminds while it lasts, and when it resolves. Undelivered notifications are retried for an
          hour, across restarts.
        </p>
      </div>
      {!canChange && (
        <Banner tone="info" title="Read-only">
          You are signed in with the view password: sign in with the dashboard password to change alerts.
        </Banner>
      )}
      <SnoozeBar canChange={canChange} />
      <div className="grid gap-4 xl:grid-cols-2">
        <ChannelsCard canChange={canChange} />
        <RulesCard canChange={canChange} />
      </div>
      <IncidentsCard />
      <DeliveriesCard />
    </div>
  );
}
