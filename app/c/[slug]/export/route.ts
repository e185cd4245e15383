import { authorizeApi } from "@/lib/auth/api-guard";
import { getComparison } from "@/lib/db/comparisons";
import { compareParamsSchema, queryToRecord, slugSchema } from "@/lib/schemas/compare";
import { apiError } from "@/lib/http/api-responses";
import { loadComparison } from "@/lib/operations/comparison-load";
import { comparisonExport } from "@/lib/export/comparison";

/** GET /c/:slug/export?format=csv|json: the frozen runs of a saved comparison. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const slug = slugSchema.safeParse((await params).slug);
  const saved = slug.success ? await getComparison({ slug: slug.data }) : null;
  if (!saved) return apiError(404, "Saved comparison not found");
  const loaded = await loadComparison(compareParamsSchema.parse(queryToRecord(saved.query)), saved.runIds);
  if (!loaded) return apiError(404, "Saved comparison not found");
  return comparisonExport(loaded, new URL(request.url).searchParams.get("format") ?? "csv", `migbench-${saved.slug}`);
}
