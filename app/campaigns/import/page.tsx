import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { RUN_COLUMNS } from "@/lib/export/runs";
import { IMPORT_LIMITS } from "@/lib/import/parse";
import { ImportForm } from "./_components/import-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Import runs" };

export default async function ImportPage() {
  await requirePageRole("operator");
  return (
    <>
      <PageHeader
        title="Import runs"
        breadcrumb={{ href: "/campaigns", label: "Campaigns" }}
        description="Bring in published or external results: a CSV or JSON file in the export format becomes a new campaign marked as imported, with its source. Preview first: every row is checked and nothing is written unless all rows are valid."
      />
      <Card className="mb-6">
        <ImportForm maxMegabytes={IMPORT_LIMITS.bytes / 1024 / 1024} maxRows={IMPORT_LIMITS.rows} />
      </Card>
      <Card title="Columns">
        <p className="text-sm text-slate-600">
          Required: <code>link</code>, <code>lineRateGbps</code>, <code>profile</code>, <code>memoryBytes</code>,{" "}
          <code>workload</code>, and <code>durationMs</code> for succeeded runs (<code>errorReason</code> for failed
          ones). Optional: the rest of the export&apos;s columns — {RUN_COLUMNS.join(", ")}. Links are matched by name
          on the chosen testbed and VM profiles by name, or created from the row. The same import from a script:{" "}
          <code>
            curl -X POST -H &quot;Authorization: Bearer $MIGBENCH_TOKEN&quot; -H &quot;content-type: text/csv&quot;
            --data-binary @runs.csv &apos;/api/imports?testbedId=2&amp;name=…&amp;source=…&amp;intent=import&apos;
          </code>
          .
        </p>
      </Card>
    </>
  );
}
