"use client";

import type { LaunchLink } from "./launch-options";

/**
 * Said before submit: chosen links that would migrate over one network path on real hosts (equal pathKey),
 * which the launch refuses, with where to give each its own path.
 */
export function SharedPathNote({ links, testbedId }: { links: LaunchLink[]; testbedId: number }) {
  const groups = new Map<string, LaunchLink[]>();
  for (const link of links)
    if (link.pathKey !== null) groups.set(link.pathKey, [...(groups.get(link.pathKey) ?? []), link]);
  const shared = [...groups.values()].filter((g) => g.length > 1);
  if (!shared.length) return null;
  return (
    <div role="alert" className="mt-2 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p>
        {shared.map((g) => g.map((l) => `“${l.name}”`).join(" and ")).join("; ")} would migrate over the same network
        path, so this campaign would compare a path with itself and is refused.
      </p>
      <a href={`/testbeds/${testbedId}`} className="text-xs text-sky-700 hover:underline">
        Give each link its own path on the testbed&apos;s page
      </a>
    </div>
  );
}
