import { linkPathKeys, linkPathSummary, parseLinkPath, storedLinkPath } from "@/lib/schemas/link-path";

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
  if (kind === "simulator") return <>its own (simulated)</>;
  if (kind === "qemu") return link.emulated ? <>its own (emulated on this machine)</> : <>loopback, shared</>;
  if (!linkPathKeys(kind).length) return <>—</>;
  const parsed = parseLinkPath(kind, storedLinkPath(link.pathJson));
  // Settings stored for another hypervisor (the testbed's kind changed since): the launch reads none of them.
  if (!parsed.ok) return <span className="text-amber-700">settings of another hypervisor: edit the link</span>;
  const summary = linkPathSummary(parsed.path);
  if (summary) return showSettings ? <span className="font-mono text-xs">{summary}</span> : <>its own</>;
  return link.emulated ? <>its own (emulated)</> : <span className="text-amber-700">testbed default</span>;
}
