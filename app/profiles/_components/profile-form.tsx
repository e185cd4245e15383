"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { WORKLOADS, WORKLOAD_LABELS } from "@/lib/schemas/profile";
import { InputField, SelectField, TextareaField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";

export type ProfileFormValues = {
  name: string;
  memoryGiB: number;
  vcpuCount: number;
  vmCount: number;
  workload: string;
  dirtyRateMBps: number | null;
  workingSetGiB: number | null;
  notes: string;
};

export type ProfileFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: ProfileFormValues;
  submitLabel: string;
};

/** Create or edit a VM profile. */
export function ProfileForm({ action, initial, submitLabel }: ProfileFormProps) {
  return (
    <ActionForm
      action={action}
      submitLabel={submitLabel}
      className="grid max-w-3xl gap-4 sm:grid-cols-3"
      footerClassName="sm:col-span-3"
    >
      {(state) => (
        <>
          <div className="sm:col-span-3">
            <InputField
              name="name"
              label="Name"
              state={state}
              defaultValue={initial?.name}
              placeholder="e.g. 1 × 32 GB · continuous"
            />
          </div>
          <InputField
            name="memoryGiB"
            label="Memory per VM (GiB)"
            type="number"
            step="any"
            min={0}
            max={16384}
            state={state}
            defaultValue={initial?.memoryGiB}
          />
          <InputField
            name="vcpuCount"
            label="vCPUs per VM"
            type="number"
            min={1}
            max={768}
            state={state}
            defaultValue={initial?.vcpuCount ?? 1}
          />
          <InputField
            name="vmCount"
            label="Number of VMs"
            type="number"
            min={1}
            max={128}
            state={state}
            defaultValue={initial?.vmCount ?? 1}
            hint="Concurrent VMs migrated together."
          />
          <div className="sm:col-span-3">
            <SelectField
              name="workload"
              label="Memory workload"
              state={state}
              defaultValue={initial?.workload ?? "once"}
              options={WORKLOADS.map((w) => ({ value: w, label: WORKLOAD_LABELS[w] }))}
            />
          </div>
          <InputField
            name="dirtyRateMBps"
            label="Dirty rate per VM (MB/s)"
            type="number"
            step="any"
            min={0}
            max={1000000}
            state={state}
            defaultValue={initial?.dirtyRateMBps}
            hint="Continuous workload only."
          />
          <InputField
            name="workingSetGiB"
            label="Writable working set (GiB)"
            type="number"
            step="any"
            min={0}
            max={16384}
            state={state}
            defaultValue={initial?.workingSetGiB}
            hint="Continuous only; blank = all memory."
          />
          <div />
          <div className="sm:col-span-3">
            <TextareaField name="notes" label="Notes" rows={2} state={state} defaultValue={initial?.notes} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
