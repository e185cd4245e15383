import "server-only";
import { db } from "@/lib/db/client";

/**
 * MIGBENCH_WORKER_TESTBEDS: the testbeds a worker serves, by id or name, comma-separated ("3,7" or
 * "Rack 4 — ESXi 8 pair, 7"). Unset or empty: every testbed. Every entry must name an existing
 * testbed; otherwise the worker does not start and says which ones.
 */
export async function resolveWorkerTestbeds(
  value: string | undefined,
): Promise<{ ids: number[] | null } | { problem: string }> {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return { ids: null };
  if (entries.length > 500 || entries.some((e) => e.length > 200))
    return { problem: "MIGBENCH_WORKER_TESTBEDS: at most 500 testbeds, names of at most 200 characters" };
  const numeric = entries.filter((e) => /^\d{1,9}$/.test(e)).map(Number);
  const names = entries.filter((e) => !/^\d{1,9}$/.test(e));
  const found = await db.testbed.findMany({
    where: { OR: [{ id: { in: numeric } }, { name: { in: names } }] },
    select: { id: true, name: true },
  });
  const missing = entries.filter((e) => !found.some((t) => String(t.id) === e || t.name === e));
  if (missing.length)
    return { problem: `MIGBENCH_WORKER_TESTBEDS names no testbed for: ${missing.map((m) => `"${m}"`).join(", ")}` };
  return { ids: [...new Set(found.map((t) => t.id))].sort((a, b) => a - b) };
}
