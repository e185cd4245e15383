"use client";

import type { ActionState } from "@/lib/schemas/action-state";
import { CheckboxField, InputField, NumberField, TextareaField } from "@/components/ui/form-fields";
import { ActionForm } from "@/components/ui/action-form";
import { LINK_BOUNDS } from "@/lib/schemas/link";

export type LinkFormValues = {
  name: string;
  lineRateGbps: number;
  busLimitGbps: number | null;
  nicModel: string;
  driver: string;
  firmware: string;
  mtuBytes: number;
  pcieGeneration: number | null;
  pcieLanes: number | null;
  emulated: boolean;
  notes: string;
};

export type LinkFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial?: LinkFormValues;
  submitLabel: string;
};

/** Create or edit a migration link of a testbed. */
export function LinkForm({ action, initial, submitLabel }: LinkFormProps) {
  return (
    <ActionForm
      action={action}
      submitLabel={submitLabel}
      label="Link"
      className="grid gap-4 sm:grid-cols-3"
      footerClassName="sm:col-span-3"
    >
      {(state) => (
        <>
          <div className="sm:col-span-3">
            <InputField
              name="name"
              label="Link name"
              state={state}
              defaultValue={initial?.name}
              placeholder="e.g. 25GbE ConnectX-4"
            />
          </div>
          <NumberField
            name="lineRateGbps"
            label="Line rate (Gb/s)"
            bounds={LINK_BOUNDS.lineRateGbps}
            state={state}
            defaultValue={initial?.lineRateGbps}
          />
          <NumberField
            name="busLimitGbps"
            label="Bus limit (Gb/s)"
            bounds={LINK_BOUNDS.busLimitGbps}
            state={state}
            defaultValue={initial?.busLimitGbps}
            hint="Optional: PCIe ceiling, e.g. 27 for Gen2 x8."
          />
          <NumberField
            name="mtuBytes"
            label="MTU (bytes)"
            bounds={LINK_BOUNDS.mtuBytes}
            state={state}
            defaultValue={initial?.mtuBytes ?? 1500}
          />
          <InputField name="nicModel" label="NIC model" state={state} defaultValue={initial?.nicModel} />
          <InputField name="driver" label="Driver" state={state} defaultValue={initial?.driver} />
          <InputField name="firmware" label="Firmware" state={state} defaultValue={initial?.firmware} />
          <NumberField
            name="pcieGeneration"
            label="PCIe generation"
            bounds={LINK_BOUNDS.pcieGeneration}
            state={state}
            defaultValue={initial?.pcieGeneration}
          />
          <NumberField
            name="pcieLanes"
            label="PCIe lanes"
            bounds={LINK_BOUNDS.pcieLanes}
            state={state}
            defaultValue={initial?.pcieLanes}
          />
          <div className="flex items-end pb-2">
            <CheckboxField
              name="emulated"
              label="Emulated rate (no physical NIC of this speed)"
              state={state}
              defaultChecked={initial?.emulated}
            />
          </div>
          <div className="sm:col-span-3">
            <TextareaField name="notes" label="Notes" rows={2} state={state} defaultValue={initial?.notes} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
