import "server-only";
import { fireDueSchedules } from "@/lib/operations/schedule-firing";
import { deliverDueWebhooks } from "./webhooks";
import { reasonOf, type ResolvedRunnerOptions } from "./options";

/** How often a runner looks for webhook deliveries that are due. */
const WEBHOOK_CHECK_MS = 1_000;
/** How often a runner looks for schedules that are due (cron's finest step is a minute). */
const SCHEDULE_CHECK_MS = 5_000;

/**
 * What a runner does besides runs, on its passes: sends the webhook deliveries that are due (beside
 * the pass: a slow receiver never holds one up) and fires the schedules that are due, of its testbeds.
 */
export class SideJobs {
  private lastDeliveryCheck = 0;
  private lastScheduleCheck = 0;
  /** Webhook deliveries being sent. */
  private delivering: Promise<void> | null = null;

  constructor(private readonly options: Pick<ResolvedRunnerOptions, "deliverWebhooks" | "testbedIds" | "log">) {}

  /** Starts deliveries and fires schedules if their time has come; throws when the database fails. */
  async run(now = Date.now()) {
    const { testbedIds, log } = this.options;
    if (this.options.deliverWebhooks && !this.delivering && now - this.lastDeliveryCheck >= WEBHOOK_CHECK_MS) {
      this.lastDeliveryCheck = now;
      this.delivering = deliverDueWebhooks({ testbedIds, log })
        .then(() => {})
        .catch((error) => log(`webhook delivery failed: ${reasonOf(error)}`))
        .finally(() => (this.delivering = null));
    }
    if (now - this.lastScheduleCheck >= SCHEDULE_CHECK_MS) {
      this.lastScheduleCheck = now;
      for (const f of await fireDueSchedules({ testbedIds, log }))
        log(`schedule #${f.scheduleId}: ${f.outcome}${f.campaignId ? ` campaign #${f.campaignId}` : ""}`);
    }
  }

  /** Resolves once the deliveries being sent are done. */
  async settled() {
    await this.delivering;
  }
}
