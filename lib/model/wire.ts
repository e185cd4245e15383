/*
 * Whether a run used its link: the bytes its link's interfaces counted against the bytes the hypervisor
 * reported sending (lib/hypervisors/common/wire-counters.ts reads the counters).
 */

/** The share of the reported bytes a run's link must carry for the run to count as having used it. */
export const ON_LINK_SHARE = 0.9;

/**
 * Whether a run used its link: "off-link" when the link's counters saw less than 90% of the bytes the
 * hypervisor reported, "on-link" otherwise; null when either number is missing.
 */
export type WireVerdict = "on-link" | "off-link";

export function wireVerdict(
  wireBytes: number | null | undefined,
  reportedBytes: number | null | undefined,
): WireVerdict | null {
  if (wireBytes == null || reportedBytes == null || !Number.isFinite(wireBytes) || wireBytes < 0) return null;
  if (!Number.isFinite(reportedBytes) || reportedBytes <= 0) return null;
  return wireBytes < ON_LINK_SHARE * reportedBytes ? "off-link" : "on-link";
}

/** What the run page, the matrix and the API say of an off-link run. */
export function offLinkText(linkName: string): string {
  return `this migration did not use link ${linkName}: its interfaces carried less than ${ON_LINK_SHARE * 100}% of the bytes the hypervisor reported`;
}
