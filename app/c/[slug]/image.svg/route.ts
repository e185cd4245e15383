import { loadSavedComparison } from "@/lib/operations/comparison-load";
import { apiError } from "@/lib/http/api-responses";
import { comparisonImage } from "@/lib/export/comparison";

/** GET /c/:slug/image.svg: the saved comparison's chart as SVG; public, like the saved comparison. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const found = await loadSavedComparison((await params).slug);
  if (!found) return apiError(404, "Saved comparison not found");
  return comparisonImage(found.loaded, found.params, found.saved.title);
}
