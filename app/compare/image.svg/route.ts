import { METRICS } from "@/lib/schemas/compare";
import { openComparisonRoute } from "@/lib/http/comparison-route";
import { comparisonImage } from "@/lib/export/comparison";

/** GET /compare/image.svg?<comparison params>: the comparison chart as SVG. */
export async function GET(request: Request) {
  const opened = await openComparisonRoute(request);
  if (!opened.ok) return opened.response;
  const { loaded, params } = opened;
  return comparisonImage(
    loaded,
    params,
    `${METRICS[params.metric].label}: ${loaded.baselineName} vs ${loaded.candidateName}`,
  );
}
