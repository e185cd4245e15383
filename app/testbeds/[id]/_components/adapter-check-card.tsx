"use client";

import { useActionState } from "react";
import { Card } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/form-fields";
import type { CheckState } from "../../actions";

export type AdapterCheckCardProps = {
  /** The bound check action, or null when the viewer may not run checks. */
  action: ((state: CheckState) => Promise<CheckState>) | null;
  adapterLabel: string | null;
  hypervisor: string;
};

/**
 * The adapter check runs only when an operator presses the button (a POST): opening the page never
 * contacts the hypervisor, reads a secret or says whether one exists.
 */
export function AdapterCheckCard({ action, adapterLabel, hypervisor }: AdapterCheckCardProps) {
  const [state, formAction] = useActionState(action ?? (async (s: CheckState) => s), { ok: null } as CheckState);
  return (
    <Card
      title="Adapter check"
      description={adapterLabel ?? undefined}
      className="mb-6"
      actions={
        action ? (
          <form action={formAction}>
            <SubmitButton variant="secondary" pendingLabel="Checking…">
              {state.ok === null ? "Check now" : "Check again"}
            </SubmitButton>
          </form>
        ) : null
      }
    >
      <div aria-live="polite">
        {!adapterLabel ? (
          <p role="status" className="text-sm text-amber-800">
            This build has no {hypervisor} adapter yet: runs on this testbed would fail with that reason.
          </p>
        ) : state.ok === null ? (
          <p className="text-sm text-slate-600">
            {action
              ? "Press “Check now” to reach the hypervisor with the connection settings and see whether migrations can run."
              : "An operator can check whether the hypervisor can be reached."}
          </p>
        ) : state.ok === false ? (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : !state.check ? (
          <p role="status" className="text-sm text-amber-800">
            This build has no {hypervisor} adapter yet.
          </p>
        ) : state.check.ok ? (
          <div role="status">
            <p className="text-sm font-medium text-emerald-700">Ready: migrations can run on this testbed.</p>
            <ul className="mt-1 list-disc pl-5 text-sm text-slate-600">
              {state.check.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </div>
        ) : (
          <div role="alert">
            <p className="text-sm font-medium text-red-700">Not ready: fix these before launching a campaign.</p>
            <ul className="mt-1 list-disc pl-5 text-sm text-red-700">
              {state.check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            {state.check.details.length ? (
              <ul className="mt-1 list-disc pl-5 text-sm text-slate-600">
                {state.check.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
        {state.ok === true ? (
          <p className="mt-2 text-xs text-slate-500">Checked {new Date(state.checkedAt).toLocaleString()}</p>
        ) : null}
      </div>
    </Card>
  );
}
