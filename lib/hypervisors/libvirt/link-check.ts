import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { CheckLink } from "../types";
import { interfaceProblem, NETNS } from "../common/wire-counters";
import { isLocalUri, settingsForLink, type LibvirtSettings } from "./settings";
import { streamHost } from "../link-paths";

const run = promisify(execFile);

/**
 * The interface the source host sends to `host` over (`ip route get to <address>`), in its namespace where it
 * has one; a host name is resolved first (ip reads addresses only).
 */
async function routeDevice(host: string, netns: string | undefined): Promise<{ address: string; dev: string }> {
  if (netns !== undefined && !NETNS.test(netns)) throw new Error(`"${netns}" is not a network namespace name`);
  const address = isIP(host) ? host : (await lookup(host)).address;
  const args = [...(netns ? ["-n", netns] : []), "-j", "route", "get", "to", address];
  const { stdout } = await run("ip", args, { timeout: 10_000 }).catch((error: { stderr?: string; message: string }) => {
    throw new Error((error.stderr || error.message).trim().split("\n")[0]);
  });
  const [route] = JSON.parse(stdout) as { dev?: string }[];
  if (!route?.dev) throw new Error("no route");
  return { address, dev: route.dev };
}

/**
 * Per link, what the adapter check can tell from this machine: the address its stream goes to is routed from
 * the source host, over the link's own source interface where it names one, and its interfaces exist. A remote
 * source host is not probed (said as a detail).
 */
export async function checkLinkPaths(
  settings: LibvirtSettings,
  links: CheckLink[],
): Promise<{ problems: string[]; details: string[] }> {
  const problems: string[] = [];
  const details: string[] = [];
  for (const link of links) {
    const address = streamHost(settingsForLink(settings, link).settings.migrateUri);
    const label = `link “${link.name}”`;
    if (!isLocalUri(settings.sourceUri)) {
      details.push(
        `${label}: ${address ?? "the destination's default address"} (not probed: the source host is remote)`,
      );
      continue;
    }
    if (!address) details.push(`${label}: migrates to the destination's default address (no migration URI)`);
    else {
      try {
        const { dev } = await routeDevice(address, settings.sourceNetns);
        if (link.path.sourceInterface && dev !== link.path.sourceInterface)
          problems.push(
            `${label}: the source host reaches ${address} over ${dev}, not over the link's interface ${link.path.sourceInterface}`,
          );
        else details.push(`${label}: ${address} is reached from the source host over ${dev}`);
      } catch (error) {
        problems.push(`${label}: the source host has no route to ${address} (${(error as Error).message})`);
      }
    }
    for (const [side, iface, netns, uri] of [
      ["source", link.path.sourceInterface, settings.sourceNetns, settings.sourceUri],
      ["destination", link.path.destinationInterface, settings.destinationNetns, settings.destinationUri],
    ] as const) {
      if (!iface || !isLocalUri(uri)) continue;
      const problem = await interfaceProblem({ iface, ...(netns ? { netns } : {}) });
      if (problem) problems.push(`${label}: the ${side} ${problem}`);
      else details.push(`${label}: ${side} interface ${iface} present (its byte counters are read around each run)`);
    }
  }
  return { problems, details };
}
