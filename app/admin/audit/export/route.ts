import Papa from "papaparse";
import { iterateAuditEvents } from "@/lib/db/audit";
import { auditFilterOf, auditQuerySchema } from "@/lib/schemas/audit";
import { openRoute } from "@/lib/http/api-responses";

const COLUMNS = [
  "id",
  "createdAt",
  "actorType",
  "actorLabel",
  "ipAddress",
  "action",
  "targetType",
  "targetId",
  "summary",
  "details",
] as const;

/** GET /admin/audit/export?action&actor&from&to: the matching audit events as CSV, streamed (admin). */
export async function GET(request: Request) {
  const opened = await openRoute(request, "admin", auditQuerySchema);
  if (!opened.ok) return opened.response;
  const filter = auditFilterOf(opened.data);
  const encoder = new TextEncoder();
  const csv = (rows: unknown[][]) => Papa.unparse(rows, { newline: "\n", escapeFormulae: true }) + "\n";
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(csv([[...COLUMNS]])));
        for await (const e of iterateAuditEvents({ filter })) {
          controller.enqueue(
            encoder.encode(
              csv([
                [
                  e.id,
                  e.createdAt.toISOString(),
                  e.actorType,
                  e.actorLabel,
                  e.ipAddress ?? "",
                  e.action,
                  e.targetType ?? "",
                  e.targetId ?? "",
                  e.summary,
                  e.detailsJson ?? "",
                ],
              ]),
            ),
          );
        }
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="migbench-audit.csv"',
    },
  });
}
