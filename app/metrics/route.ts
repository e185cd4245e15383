import { authorizeApi } from "@/lib/auth/api-guard";
import { metricsSnapshot } from "@/lib/db/metrics";
import { WORKER_LIVE_MS } from "@/lib/db/workers";
import { prometheusText } from "@/lib/http/prometheus";

/**
 * GET /metrics: Prometheus text format for an operator's Prometheus/Grafana — runs by status, queue depth
 * and the oldest queued run's age, live workers, lease losses, migration duration histograms per adapter,
 * webhook messages by status. Needs an API token (viewer or up): `authorization: Bearer mbt_…` in the
 * scrape config.
 */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const snapshot = await metricsSnapshot({ liveSince: new Date(Date.now() - WORKER_LIVE_MS) });
  return new Response(prometheusText(snapshot), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
