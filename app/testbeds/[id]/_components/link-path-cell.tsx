import { linkPathKeys, linkPathSummary, storedLinkPath } from "@/lib/schemas/link-path";

/**
 * Where a link's migrations travel, in the testbed's links table: its own path settings (operators and up see
 * them; viewers see only whether it has its own), "emulated" for a per-run namespace, or the testbed's default.
 */
export function LinkPathCell({
  link,
  kind,
  showSettings,
}: {
  link: { emulated: boolean; pathJson: string };
  kind: string;
  showSettings: boolean;
}) {
  if (!linkPathKeys(kind).length) return <>its own (simulated)</>;
  const summary = linkPathSummary(storedLinkPath(link.pathJson));
  if (summary) return showSettings ? <span className="font-mono text-xs">{summary}</span> : <>its own</>;
  return link.emulated ? <>its own (emulated)</> : <span className="text-amber-700">testbed default</span>;
}
