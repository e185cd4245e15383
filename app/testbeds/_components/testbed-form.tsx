"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { HYPERVISOR_KINDS, HYPERVISOR_LABELS, TESTBED_BOUNDS } from "@/lib/schemas/testbed";
import { connectionKeys } from "@/lib/schemas/connection";
import { InputField, NumberField, SelectField, TextareaField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";

export type TestbedFormValues = {
  name: string;
  hypervisor: string;
  sourceHost: string;
  destinationHost: string;
  hostMemoryGiB: number | null;
  connectionJson: string;
  notes: string;
  linkScale: number;
  maxConcurrentRuns: number;
};

export type TestbedFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: TestbedFormValues;
  submitLabel: string;
};

/** Create or edit a testbed. */
export function TestbedForm({ action, initial, submitLabel }: TestbedFormProps) {
  return (
    <ActionForm
      action={action}
      submitLabel={submitLabel}
      className="grid max-w-3xl gap-4 sm:grid-cols-2"
      footerClassName="sm:col-span-2"
    >
      {(state) => (
        <>
          <div className="sm:col-span-2">
            <InputField
              name="name"
              label="Name"
              state={state}
              defaultValue={initial?.name}
              placeholder="e.g. Rack 4 — ESXi 8 pair"
            />
          </div>
          <SelectField
            name="hypervisor"
            label="Hypervisor"
            state={state}
            defaultValue={initial?.hypervisor ?? "simulator"}
            options={HYPERVISOR_KINDS.map((k) => ({ value: k, label: HYPERVISOR_LABELS[k] }))}
          />
          <NumberField
            name="hostMemoryGiB"
            label="Host memory (GiB)"
            bounds={TESTBED_BOUNDS.hostMemoryGiB}
            state={state}
            defaultValue={initial?.hostMemoryGiB}
            hint="Optional. Memory of each host."
          />
          <InputField name="sourceHost" label="Source host" state={state} defaultValue={initial?.sourceHost} />
          <InputField
            name="destinationHost"
            label="Destination host"
            state={state}
            defaultValue={initial?.destinationHost}
          />
          <NumberField
            name="linkScale"
            label="Link scale"
            bounds={TESTBED_BOUNDS.linkScale}
            state={state}
            defaultValue={initial?.linkScale ?? 1}
            hint="Emulated links run at usable rate × this (0.1: 10GbE → 1 Gb/s). 1 = line rate."
          />
          <NumberField
            name="maxConcurrentRuns"
            label="Concurrent runs"
            bounds={TESTBED_BOUNDS.maxConcurrentRuns}
            state={state}
            defaultValue={initial?.maxConcurrentRuns ?? 2}
            hint="Runs of this testbed migrating at the same time."
          />
          <div className="sm:col-span-2">
            <TextareaField
              name="connectionJson"
              label="Connection settings (JSON)"
              state={state}
              defaultValue={initial?.connectionJson ?? "{}"}
              rows={5}
              maxLength={10_000}
              hint={
                <>
                  A JSON object; unknown keys are refused.{" "}
                  {(["qemu", "libvirt", "vsphere"] as const)
                    .map((k) => `${k}: ${connectionKeys(k).join(", ")}`)
                    .join(" · ")}
                  . Credentials only as references —{" "}
                  <code>&quot;passwordRef&quot;: &quot;env:MIGBENCH_SECRET_VC&quot;</code> or{" "}
                  <code>&quot;file:vc-password&quot;</code> (a file in the secrets directory) — read only when a run or
                  a check executes.
                </>
              }
            />
          </div>
          <div className="sm:col-span-2">
            <TextareaField name="notes" label="Notes" state={state} defaultValue={initial?.notes} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
