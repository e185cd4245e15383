"use client";

import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ActionForm } from "@/components/ui/action-form";
import { NumberField } from "@/components/ui/form-fields";
import { MIN_EFFECT_BOUNDS } from "@/lib/schemas/series";
import type { ActionState } from "@/lib/schemas/action-state";

/**
 * Regression tracking on this testbed: its series, and the minimum effect an operator sets — a
 * significant change smaller than it is neither a regression nor an improvement.
 */
export function RegressionCard({
  testbedId,
  minEffectPct,
  action,
}: {
  testbedId: number;
  minEffectPct: number;
  /** null for viewers. */
  action: ((state: ActionState, formData: FormData) => Promise<ActionState>) | null;
}) {
  return (
    <Card
      title="Regression tracking"
      className="mb-6"
      description="Campaigns are compared with the baseline of each series (VM profile × link) when they finish."
      actions={
        <Link href={`/series?testbed=${testbedId}`} prefetch={false} className="text-sm text-sky-700 hover:underline">
          Series of this testbed
        </Link>
      }
    >
      {action ? (
        <ActionForm
          action={action}
          submitLabel="Save minimum effect"
          pendingLabel="Saving…"
          label="Minimum effect"
          className="grid max-w-md gap-3"
        >
          {(state) => (
            <NumberField
              name="minEffectPct"
              label="Minimum effect (%)"
              state={state}
              bounds={MIN_EFFECT_BOUNDS}
              defaultValue={minEffectPct}
              hint="A significant change smaller than this share of the baseline's mean counts as no change."
            />
          )}
        </ActionForm>
      ) : (
        <p className="text-sm text-slate-600">
          A significant change under {minEffectPct}% of the baseline&apos;s mean counts as no change.
        </p>
      )}
    </Card>
  );
}
