import { openComparisonRoute } from "@/lib/http/comparison-route";
import { comparisonExport } from "@/lib/export/comparison";

/** GET /compare/export?<comparison params>&format=csv|json */
export async function GET(request: Request) {
  const opened = await openComparisonRoute(request);
  if (!opened.ok) return opened.response;
  return comparisonExport(opened.loaded, opened.search.format ?? "csv", "migbench-comparison");
}
