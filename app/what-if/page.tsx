import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { listTestbedLinkChoices } from "@/lib/db/testbeds";
import { listProfiles } from "@/lib/db/profiles";
import { whatIfQuerySchema } from "@/lib/schemas/what-if";
import { INITIAL_ACTION_STATE, invalidInput, type ActionState } from "@/lib/schemas/action-state";
import { askWhatIf } from "@/lib/operations/what-if";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button-link";
import { WhatIfForm } from "./_components/what-if-form";
import { WhatIfAnswerView } from "./_components/what-if-answer";

export const metadata: Metadata = { title: "What if" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The what-if planner: ask the model, fitted to a testbed's runs, about what was not run — another link speed,
 * dirty rate, memory, VM count, strategy, downtime limit or a host evacuation — and get time, data and downtime
 * with intervals, the λ margin and advice. The question is the URL (a GET form): asking writes nothing.
 */
export default async function WhatIfPage({ searchParams }: Props) {
  const me = await requirePageRole("viewer");
  const raw = await searchParams;
  const flat = Object.fromEntries(
    Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : Array.isArray(v) ? [[k, v[0]]] : [])),
  );
  const [testbeds, profiles] = await Promise.all([listTestbedLinkChoices(), listProfiles()]);
  const header = (
    <PageHeader
      title="What if"
      description="Ask the pre-copy model, fitted to a testbed's measured runs, about what was not run: another link speed, dirty rate, memory size, VM count, strategy or downtime limit — or a whole host evacuation. Every number carries an interval from the fit, and every answer can be launched as a real campaign."
    />
  );
  if (!testbeds.length)
    return (
      <>
        {header}
        <EmptyState title="No testbed yet" action={<ButtonLink href="/testbeds/new">Create a testbed</ButtonLink>}>
          The planner answers about a testbed&apos;s links and hosts: create one (or run <code>npm run db:seed</code>).
        </EmptyState>
      </>
    );
  const parsed = flat.testbed ? whatIfQuerySchema.safeParse(flat) : null;
  const state: ActionState = parsed && !parsed.success ? invalidInput(parsed.error, flat) : INITIAL_ACTION_STATE;
  const reply = parsed?.success ? await askWhatIf(parsed.data) : null;
  return (
    <>
      {header}
      <Card className="mb-6">
        <WhatIfForm
          choices={{ testbeds, profiles: profiles.map((p) => ({ id: p.id, name: p.name })) }}
          values={flat}
          state={state}
        />
      </Card>
      {state.ok === false ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {state.message}
        </p>
      ) : reply === null ? (
        <EmptyState title="Ask a question">
          Pick a testbed and describe the migration, then press <strong>Ask the model</strong>. Blank fields take the
          testbed&apos;s and the VM profile&apos;s values.
        </EmptyState>
      ) : "missing" in reply ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {reply.missing}
        </p>
      ) : (
        <WhatIfAnswerView reply={reply} canLaunch={hasRole(me.role, "operator")} />
      )}
    </>
  );
}
