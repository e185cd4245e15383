import Link from "next/link";
import { listWebhooks } from "@/lib/db/webhooks";
import { WEBHOOK_EVENTS, type WebhookEvents } from "@/lib/schemas/webhook";
import { formatAgo, formatDateTime } from "@/lib/format/units";
import { Card } from "@/components/ui/card";
import { CellWithDetail, DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { ActionButton } from "@/components/ui/action-button";
import { createWebhookAction, deleteWebhookAction, pingWebhookAction } from "../../actions";
import { WebhookForm } from "./webhook-form";

/** A receiver's address as shown to people who are not admins: its origin only (paths often hold tokens). */
function shownUrl(url: string, isAdmin: boolean) {
  if (isAdmin) return url;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "…";
  }
}

/**
 * Where this testbed's verdicts are sent, and how each of the newest messages went (delivered, waiting
 * for a retry, failed with the reason). Admins add, test and remove webhooks.
 */
export async function WebhooksCard({ testbedId, isAdmin }: { testbedId: number; isAdmin: boolean }) {
  const hooks = await listWebhooks({ testbedId });
  const now = new Date();
  return (
    <Card
      title="Webhooks"
      description="A campaign's verdict against its baselines, POSTed as signed JSON when it finishes (sent by a worker that serves this testbed, retried with backoff)."
      className="mb-6"
    >
      {hooks.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600">
          No webhook yet.{" "}
          {isAdmin ? "Add one below to be told of regressions." : "An admin adds them to be told of regressions."}
        </p>
      ) : (
        <ul className="mb-4 grid grid-cols-1 gap-4">
          {hooks.map((hook) => (
            <li key={hook.id} className="min-w-0 rounded-md border border-slate-200 p-3">
              <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-mono text-sm break-all">{shownUrl(hook.url, isAdmin)}</p>
                  <p className="text-xs text-slate-500">
                    {WEBHOOK_EVENTS[hook.events as WebhookEvents] ?? hook.events}
                    {isAdmin ? ` · signed with ${hook.secretRef}` : ""} · added {formatDateTime(hook.createdAt)}
                  </p>
                </div>
                {isAdmin ? (
                  <span className="flex gap-2">
                    <ActionButton
                      action={pingWebhookAction.bind(null, testbedId, hook.id)}
                      label="Send a test"
                      pendingLabel="Queuing…"
                    />
                    <ActionButton
                      action={deleteWebhookAction.bind(null, testbedId, hook.id)}
                      label="Remove"
                      pendingLabel="Removing…"
                      variant="danger"
                      confirmText="Remove this webhook and its delivery history?"
                    />
                  </span>
                ) : null}
              </div>
              {hook.deliveries.length ? (
                <DataTable
                  label={`Deliveries of webhook ${hook.id}`}
                  density="compact"
                  rows={hook.deliveries}
                  columns={[
                    {
                      header: "Message",
                      cell: (d) =>
                        d.campaign ? (
                          <Link
                            href={`/campaigns/${d.campaign.id}#baseline`}
                            prefetch={false}
                            className="text-sky-700 hover:underline"
                          >
                            {d.campaign.name}
                          </Link>
                        ) : (
                          "test message"
                        ),
                    },
                    { header: "Status", cell: (d) => <StatusBadge status={d.status} /> },
                    {
                      header: "Attempts",
                      cell: (d) => (
                        <CellWithDetail
                          main={`${d.attempts}${d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ""}`}
                          detail={
                            [
                              // Why a message was not sent can name secrets, their hosts and resolved
                              // addresses: for admins, who see the webhook's settings too.
                              isAdmin ? d.lastError : d.lastError ? "not delivered" : null,
                              d.status === "pending" && d.attempts > 0
                                ? `next try ${formatDateTime(d.nextAttemptAt)}`
                                : null,
                            ]
                              .filter(Boolean)
                              .join(" · ") || undefined
                          }
                        />
                      ),
                    },
                    {
                      header: "When",
                      className: "whitespace-nowrap",
                      cell: (d) => (
                        <span title={formatDateTime(d.deliveredAt ?? d.createdAt)}>
                          {formatAgo(d.deliveredAt ?? d.createdAt, now)}
                        </span>
                      ),
                    },
                  ]}
                />
              ) : (
                <p className="text-xs text-slate-500">Nothing sent yet.</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin ? <WebhookForm action={createWebhookAction.bind(null, testbedId)} /> : null}
    </Card>
  );
}
