import net from "node:net";

/*
 * Who is at the other end of a request. bin/serve.mjs stamps each request with the address of its socket
 * (`x-migbench-peer: <process key> <address>`, replacing anything a client sent); forwarding headers
 * (X-Forwarded-For, X-Forwarded-Host) are believed only when that peer is one of the proxies the admin
 * lists in MIGBENCH_TRUSTED_PROXIES (addresses or CIDRs, comma-separated; unset = none).
 */

declare global {
  var __migbenchPeerKey: string | undefined;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an address → null. */
export function normaliseAddress(value: string): string | null {
  const trimmed = value.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  const address = mapped ? mapped[1] : trimmed;
  return net.isIP(address) ? address.toLowerCase() : null;
}

/** The proxies whose forwarding headers are believed, from MIGBENCH_TRUSTED_PROXIES. */
export function trustedProxies(spec = process.env.MIGBENCH_TRUSTED_PROXIES ?? ""): net.BlockList {
  const list = new net.BlockList();
  for (const entry of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addressPart, prefixPart] = entry.split("/");
    const address = normaliseAddress(addressPart);
    if (!address) continue;
    const type = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (prefixPart === undefined) list.addAddress(address, type);
    else if (/^\d{1,3}$/.test(prefixPart) && Number(prefixPart) <= (type === "ipv6" ? 128 : 32))
      list.addSubnet(address, Number(prefixPart), type);
  }
  return list;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  return list.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

/** The socket's peer address as bin/serve.mjs stamped it; null when this process was not started by it. */
export function socketPeer(headers: Headers): string | null {
  const key = globalThis.__migbenchPeerKey;
  const stamp = headers.get("x-migbench-peer");
  if (!key || !stamp || !stamp.startsWith(`${key} `)) return null;
  return normaliseAddress(stamp.slice(key.length + 1));
}

/**
 * The client's address: the socket's peer, or — when the peer is a trusted proxy — the nearest address
 * in X-Forwarded-For that is not itself a trusted proxy. Null when unknown (a server not started by
 * bin/serve.mjs, e.g. `next dev`).
 */
export function clientAddressOf(headers: Headers, trusted: net.BlockList = trustedProxies()): string | null {
  const peer = socketPeer(headers);
  if (peer && !isTrusted(trusted, peer)) warnOfUntrustedForwarding(peer, headers.get("x-forwarded-for"));
  if (!peer || !isTrusted(trusted, peer)) return peer;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normaliseAddress(chain[i]);
    if (!address) return peer;
    if (!isTrusted(trusted, address)) return address;
  }
  return peer;
}

/** Whether the request came through a trusted proxy (whose X-Forwarded-Host and -Proto may be believed). */
export function fromTrustedProxy(headers: Headers, trusted: net.BlockList = trustedProxies()): boolean {
  const peer = socketPeer(headers);
  return !!peer && isTrusted(trusted, peer);
}

let warnedOfForwarding = false;

/**
 * Says once per process when a peer that is not a trusted proxy forwards for someone else: behind a proxy
 * that is not listed, every client counts as the proxy (one audit address, one sign-in throttle for all).
 */
function warnOfUntrustedForwarding(peer: string, forwardedFor: string | null) {
  if (warnedOfForwarding || !forwardedFor) return;
  const first = normaliseAddress(forwardedFor.split(",")[0] ?? "");
  if (!first || first === peer) return;
  warnedOfForwarding = true;
  console.warn(
    `[migbench] ${peer} forwards requests for other addresses (X-Forwarded-For) but is not in MIGBENCH_TRUSTED_PROXIES: ` +
      "if migbench runs behind this proxy, list it there, or every client counts as the proxy (audit log, sign-in throttle)",
  );
}
