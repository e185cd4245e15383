"use client";

import { useState } from "react";
import { NumberField, SelectField } from "@/components/ui/form-fields";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import type { ActionState } from "@/lib/schemas/action-state";
import { WHAT_IF_BOUNDS } from "@/lib/schemas/what-if";
import { STRATEGIES, STRATEGY_LABELS } from "@/lib/model/migration-settings";
import { WORKLOADS } from "@/lib/model/vocabulary";

export type WhatIfChoices = {
  testbeds: { id: number; name: string; links: { id: number; name: string; lineRateGbps: number }[] }[];
  profiles: { id: number; name: string }[];
};

/** What the form shows: the fields the URL gave (blank ones take their defaults, which the answer spells out). */
export type WhatIfValues = Partial<Record<string, string | number | null>>;

const SELECT =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200";

/**
 * The planner's question: a plain GET form (asking changes nothing), so the answer's URL is the question and
 * can be shared. Choosing another testbed offers its links.
 */
export function WhatIfForm({
  choices,
  values,
  state,
}: {
  choices: WhatIfChoices;
  values: WhatIfValues;
  state: ActionState;
}) {
  const [testbedId, setTestbedId] = useState(String(values.testbed ?? choices.testbeds[0]?.id ?? ""));
  const testbed = choices.testbeds.find((t) => String(t.id) === testbedId);
  const [linkId, setLinkId] = useState(String(values.link ?? ""));
  const links = testbed?.links ?? [];
  const link = links.some((l) => String(l.id) === linkId) ? linkId : String(links[0]?.id ?? "");
  const v = (name: string) => (values[name] == null ? null : values[name]);
  const num = (name: string) => {
    const x = v(name);
    return x === null || x === "" ? null : Number(x);
  };
  return (
    <form method="get" action="/what-if" className="space-y-4" aria-label="What-if question" noValidate>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">The path</legend>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Testbed</span>
          <select name="testbed" value={testbedId} onChange={(e) => setTestbedId(e.target.value)} className={SELECT}>
            {choices.testbeds.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium text-slate-700">Link (its fitted stream)</span>
          <select name="link" value={link} onChange={(e) => setLinkId(e.target.value)} className={SELECT}>
            {links.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.lineRateGbps} Gb/s)
              </option>
            ))}
          </select>
        </label>
        <NumberField
          name="gbps"
          label="Another link speed (Gb/s)"
          state={state}
          bounds={WHAT_IF_BOUNDS.gbps}
          defaultValue={num("gbps")}
          hint="Blank: the link's own. 25, 100 …: the same hosts over a faster or slower NIC."
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">The guest</legend>
        <SelectField
          name="profile"
          label="Start from a VM profile"
          state={state}
          defaultValue={v("profile")}
          options={choices.profiles.map((p) => ({ value: String(p.id), label: p.name }))}
          hint="Optional: its memory, workload, dirty rate and VM count fill the fields below where they are blank."
        />
        <NumberField
          name="memoryGiB"
          label="Memory per VM (GiB)"
          state={state}
          bounds={WHAT_IF_BOUNDS.memoryGiB}
          defaultValue={num("memoryGiB")}
        />
        <SelectField
          name="workload"
          label="Workload"
          state={state}
          defaultValue={v("workload")}
          options={WORKLOADS.map((w) => ({ value: w, label: w }))}
        />
        <NumberField
          name="dirtyMBps"
          label="Dirty rate (MB/s per VM)"
          state={state}
          bounds={WHAT_IF_BOUNDS.dirtyMBps}
          defaultValue={num("dirtyMBps")}
          hint="While the workload is continuous."
        />
        <NumberField
          name="vms"
          label="VMs migrated together"
          state={state}
          bounds={WHAT_IF_BOUNDS.vms}
          defaultValue={num("vms")}
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">The migration</legend>
        <SelectField
          name="strategy"
          label="Strategy"
          state={state}
          defaultValue={v("strategy") ?? "precopy"}
          options={STRATEGIES.map((s) => ({ value: s, label: STRATEGY_LABELS[s] }))}
        />
        <NumberField
          name="multifd"
          label="Multifd channels"
          state={state}
          bounds={WHAT_IF_BOUNDS.multifd}
          defaultValue={num("multifd") ?? 1}
        />
        <NumberField
          name="downtimeMs"
          label="Downtime limit (ms)"
          state={state}
          bounds={WHAT_IF_BOUNDS.downtimeMs}
          defaultValue={num("downtimeMs")}
          hint="Blank: the testbed's."
        />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Evacuate a host (optional)</legend>
        <NumberField
          name="evacuate"
          label="VMs to move off the host"
          state={state}
          bounds={WHAT_IF_BOUNDS.evacuate}
          defaultValue={num("evacuate")}
          hint="Each like the guest above; blank: no evacuation."
        />
        <NumberField
          name="concurrent"
          label="Migrations at once"
          state={state}
          bounds={WHAT_IF_BOUNDS.concurrent}
          defaultValue={num("concurrent") ?? 2}
        />
      </fieldset>
      <button type="submit" className={BUTTON_CLASSES.primary}>
        Ask the model
      </button>
    </form>
  );
}
