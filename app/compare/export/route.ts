import { authorizeApi } from "@/lib/auth/api-guard";
import { compareParamsSchema } from "@/lib/schemas/compare";
import { apiError, validationError } from "@/lib/http/api-responses";
import { loadComparison } from "@/lib/db/comparison-load";
import { comparisonExport } from "@/lib/export/comparison";

/** GET /compare/export?<comparison params>&format=csv|json */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const search = Object.fromEntries(new URL(request.url).searchParams.entries());
  const parsed = compareParamsSchema.safeParse(search);
  if (!parsed.success) return validationError(parsed.error);
  const loaded = await loadComparison(parsed.data);
  if (!loaded) return apiError(400, "Choose a baseline (b) and a candidate (c)");
  return comparisonExport(loaded, search.format ?? "csv", "migbench-comparison");
}
