import { getComparison } from "@/lib/db/comparisons";
import { compareParamsSchema, slugSchema } from "@/lib/schemas/compare";
import { apiError } from "@/lib/http/api-responses";
import { loadComparison, queryToRecord } from "@/lib/db/comparison-load";
import { comparisonImage } from "@/lib/export/comparison";

/** GET /c/:slug/image.svg: the saved comparison's chart as SVG; public, like the saved comparison. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = slugSchema.safeParse((await params).slug);
  const saved = slug.success ? await getComparison({ slug: slug.data }) : null;
  if (!saved) return apiError(404, "Saved comparison not found");
  const parsed = compareParamsSchema.parse(queryToRecord(saved.query));
  const loaded = await loadComparison(parsed, saved.runIds);
  if (!loaded) return apiError(404, "Saved comparison not found");
  return comparisonImage(loaded, parsed, saved.title);
}
