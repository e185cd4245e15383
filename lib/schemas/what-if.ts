import { z } from "zod";
import { idInput, numberInput, optionalNumberInput, type NumberBounds } from "./fields";
import { STRATEGIES } from "@/lib/model/migration-settings";
import { WORKLOADS } from "@/lib/model/vocabulary";

/**
 * A what-if question, as the planner's URL carries it (/what-if?… and GET /api/what-if?… take the same):
 *   testbed     the testbed whose fitted model answers (required)
 *   link        one of its links: its fitted stream (default: its first)
 *   gbps        another line rate for that link, in Gb/s (25, 100 …): the same hosts over a faster or slower NIC
 *   profile     a VM profile whose memory, workload, dirty rate and VM count are the defaults of the fields below
 *   memoryGiB   memory per VM, GiB                       (default 16, or the profile's)
 *   workload    idle | once | continuous                 (default continuous, or the profile's)
 *   dirtyMBps   dirty rate per VM while continuous, MB/s (default 500, or the profile's)
 *   vms         VMs migrated together over the link      (default 1, or the profile's)
 *   strategy    precopy | auto-converge | postcopy | postcopy-after-rounds (default precopy)
 *   multifd     parallel streams, 1–16                   (default 1)
 *   downtimeMs  the downtime limit, ms                   (default the testbed's)
 *   evacuate    a host evacuation: this many VMs of the profile leave, `concurrent` at a time (optional)
 *   concurrent  migrations at once during an evacuation  (default 2)
 * Every field is bounded; anything else in the URL is ignored.
 */
const mode = "form" as const;

/** The bounds of the question's numbers: the schema checks them and the page's fields show them. */
export const WHAT_IF_BOUNDS = {
  gbps: { unit: "Gb/s", min: 0.1, max: 1000 },
  memoryGiB: { unit: "GiB", min: 0.0625, max: 16_384 },
  dirtyMBps: { unit: "MB/s", min: 0, max: 100_000 },
  vms: { min: 1, max: 128, int: true },
  multifd: { min: 1, max: 16, int: true },
  downtimeMs: { unit: "ms", min: 1, max: 60_000 },
  evacuate: { min: 1, max: 1000, int: true },
  concurrent: { min: 1, max: 64, int: true },
} as const satisfies Record<string, NumberBounds>;
const B = WHAT_IF_BOUNDS;
/** A select left on "Choose…" sends "": not given. */
const blank = (v: unknown) => (v === "" ? undefined : v);

export const whatIfQuerySchema = z.object({
  testbed: idInput(mode, "Choose a testbed"),
  link: z.preprocess(blank, idInput(mode, "Choose a link").optional()),
  gbps: optionalNumberInput(mode, "Link speed", B.gbps),
  profile: z.preprocess(blank, idInput(mode, "Choose a VM profile").optional()),
  memoryGiB: optionalNumberInput(mode, "Memory per VM", B.memoryGiB),
  workload: z.preprocess(blank, z.enum(WORKLOADS, { error: `Workload is ${WORKLOADS.join(", ")}` }).optional()),
  dirtyMBps: optionalNumberInput(mode, "Dirty rate", B.dirtyMBps),
  vms: optionalNumberInput(mode, "VMs migrated together", B.vms),
  strategy: z.preprocess(
    blank,
    z.enum(STRATEGIES, { error: `Strategy is ${STRATEGIES.join(", ")}` }).default("precopy"),
  ),
  multifd: z.preprocess(blank, numberInput(mode, "Multifd channels", B.multifd).default(1)),
  downtimeMs: optionalNumberInput(mode, "Downtime limit", B.downtimeMs),
  evacuate: optionalNumberInput(mode, "VMs to evacuate", B.evacuate),
  concurrent: z.preprocess(blank, numberInput(mode, "Concurrent migrations", B.concurrent).default(2)),
});
export type WhatIfQuery = z.output<typeof whatIfQuerySchema>;

/** The query string of a question (what the page's form submits and a shared link carries). */
export function whatIfQueryString(q: Partial<Record<keyof WhatIfQuery, string | number | null | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  return params.toString();
}
