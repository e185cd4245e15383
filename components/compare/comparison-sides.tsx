import type { LoadedComparison } from "@/lib/operations/comparison-load";

/** The line above a comparison: which runs each side holds. */
export function ComparisonSides({ loaded }: { loaded: LoadedComparison }) {
  return (
    <p className="mb-4 text-sm text-slate-600">
      <span className="font-medium text-slate-800">Baseline:</span> {loaded.baselineName} ({loaded.baseline.runCount}{" "}
      runs) · <span className="font-medium text-slate-800">Candidate:</span> {loaded.candidateName} (
      {loaded.candidate.runCount} runs)
    </p>
  );
}
