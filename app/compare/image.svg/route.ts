import { authorizeApi } from "@/lib/auth/api-guard";
import { compareParamsSchema, METRICS } from "@/lib/schemas/compare";
import { apiError, validationError } from "@/lib/http/api-responses";
import { loadComparison } from "@/lib/db/comparison-load";
import { comparisonImage } from "@/lib/export/comparison";

/** GET /compare/image.svg?<comparison params>: the comparison chart as SVG. */
export async function GET(request: Request) {
  const allowed = await authorizeApi(request, "viewer");
  if (!allowed.ok) return allowed.response;
  const parsed = compareParamsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams.entries()));
  if (!parsed.success) return validationError(parsed.error);
  const loaded = await loadComparison(parsed.data);
  if (!loaded) return apiError(400, "Choose a baseline (b) and a candidate (c)");
  return comparisonImage(
    loaded,
    parsed.data,
    `${METRICS[parsed.data.metric].label}: ${loaded.baselineName} vs ${loaded.candidateName}`,
  );
}
