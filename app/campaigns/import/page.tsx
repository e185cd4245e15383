import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { RUN_COLUMNS } from "@/lib/export/runs";
import { IMPORT_LIMITS } from "@/lib/import/parse";
import { getImportCatalog } from "@/lib/db/import-catalog";
import { getImportMapping } from "@/lib/db/import-mappings";
import { mayCreateThroughImport } from "@/lib/operations/imports";
import { importPageParamsSchema, importSourceKey } from "@/lib/schemas/import-mapping";
import { ImportForm } from "./_components/import-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Import runs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: Props) {
  const principal = await requirePageRole("operator");
  // ?testbedId=&source= (the form keeps them in the URL): the testbed's links to map onto, and the
  // mapping saved for that testbed and source. Reading only: a GET changes nothing.
  const params = importPageParamsSchema.parse(await searchParams);
  const source = importSourceKey(params.source ?? "");
  const catalog = await getImportCatalog({ testbedId: params.testbedId ?? null });
  const saved = catalog.testbed && source ? await getImportMapping({ testbedId: catalog.testbed.id, source }) : null;
  return (
    <>
      <PageHeader
        title="Import runs"
        breadcrumb={{ href: "/campaigns", label: "Campaigns" }}
        description="Bring in published or external results: a CSV or JSON file in the export format becomes a new campaign marked as imported, with its source. Preview first: every row is checked and nothing is written unless all rows are valid."
      />
      <Card className="mb-6">
        <ImportForm
          maxMegabytes={IMPORT_LIMITS.bytes / 1024 / 1024}
          maxRows={IMPORT_LIMITS.rows}
          testbed={
            catalog.testbed && {
              id: catalog.testbed.id,
              name: catalog.testbed.name,
              detail: catalog.testbed.hypervisor,
            }
          }
          source={params.source ?? ""}
          catalog={{ links: catalog.links, profiles: catalog.profiles, canCreate: mayCreateThroughImport(principal) }}
          saved={
            saved && {
              source,
              header: saved.header,
              mapping: saved.mapping,
              updatedAt: saved.updatedAt.toISOString(),
            }
          }
        />
      </Card>
      <Card title="Columns">
        <p className="text-sm text-slate-600">
          Required: <code>link</code>, <code>lineRateGbps</code>, <code>profile</code>, <code>memoryBytes</code>,{" "}
          <code>workload</code>, and <code>durationMs</code> for succeeded runs (<code>errorReason</code> for failed
          ones). Optional: the rest of the export&apos;s columns — {RUN_COLUMNS.join(", ")}. Links are matched by name
          on the chosen testbed and VM profiles by name; only an admin&apos;s import may add the ones that do not exist
          (the preview names them). The same import from a script:{" "}
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
