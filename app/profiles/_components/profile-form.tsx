"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { PROFILE_BOUNDS, WORKLOADS, WORKLOAD_LABELS } from "@/lib/schemas/profile";
import { InputField, NumberField, SelectField, TextareaField } from "@/components/ui/form-fields";
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
          <NumberField
            name="memoryGiB"
            label="Memory per VM (GiB)"
            bounds={PROFILE_BOUNDS.memoryGiB}
            state={state}
            defaultValue={initial?.memoryGiB}
          />
          <NumberField
            name="vcpuCount"
            label="vCPUs per VM"
            bounds={PROFILE_BOUNDS.vcpuCount}
            state={state}
            defaultValue={initial?.vcpuCount ?? 1}
          />
          <NumberField
            name="vmCount"
            label="Number of VMs"
            bounds={PROFILE_BOUNDS.vmCount}
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
          <NumberField
            name="dirtyRateMBps"
            label="Dirty rate per VM (MB/s)"
            bounds={PROFILE_BOUNDS.dirtyRateMBps}
            state={state}
            defaultValue={initial?.dirtyRateMBps}
            hint="Continuous workload only."
          />
          <NumberField
            name="workingSetGiB"
            label="Writable working set (GiB)"
            bounds={PROFILE_BOUNDS.workingSetGiB}
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
