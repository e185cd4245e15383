// Which hosts a webhook may be sent to. Pure: no DNS, no sockets, and no node:net either — the
// webhook schema that uses it is imported by the webhook form, a client component.

/** Refused even with MIGBENCH_WEBHOOK_ALLOW_PRIVATE: no receiver lives there, cloud metadata services do. */
const NEVER_ALLOWED = new Set(["link-local", "cloud metadata", "multicast", "broadcast", "unspecified"]);

type Ipv4Rule = { base: number; prefix: number; reason: string };
type Ipv6Rule = { base: number[]; prefix: number; reason: string };

const IPV4_RULES: Ipv4Rule[] = [
  // Metadata services outside link-local: Alibaba Cloud's, and Azure's wire server.
  ["100.100.100.200/32", "cloud metadata"],
  ["168.63.129.16/32", "cloud metadata"],
  ["255.255.255.255/32", "broadcast"],
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "CGNAT (100.64.0.0/10)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.0.2.0/24", "documentation"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
].map(([cidr, reason]) => {
  const [address, prefix] = cidr.split("/");
  return { base: parseIpv4(address)!, prefix: Number(prefix), reason };
});

// The ranges that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are decoded in
// ipv6Reason, between the first two rules and the rest.
const IPV6_RULES: Ipv6Rule[] = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["fd00:ec2::254/128", "cloud metadata"], // AWS's instance metadata over IPv6
  ["64:ff9b:1::/48", "private"], // local-use NAT64 (RFC 8215)
  ["100::/64", "reserved"], // discard-only
  ["2001:2::/48", "reserved"], // benchmarking
  ["2001:db8::/32", "documentation"],
  ["3fff::/20", "documentation"],
  ["fc00::/7", "unique-local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
].map(([cidr, reason]) => {
  const [address, prefix] = cidr.split("/");
  return { base: parseIpv6(address)!, prefix: Number(prefix), reason };
});

/** Cloud metadata services by name (their addresses are link-local, refused by address too). */
const METADATA_NAMES = new Set(["metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal"]);

/** Special-use top-level domains of private networks: .internal (ICANN), .local (mDNS), .home.arpa. */
const PRIVATE_SUFFIXES = [".internal", ".local", ".home.arpa"];

/**
 * The 32-bit value of an IPv4 address in the dotted-decimal form `net.isIPv4` accepts (four parts,
 * 0–255, no leading zeros), or null. Other notations (2130706433, 0x7f.1, 0177.0.0.1) are not
 * addresses here: the WHATWG URL parser turns them into this form before a host reaches us.
 */
export function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/**
 * The eight 16-bit groups of an IPv6 address in any form `net.isIPv6` accepts (`::` shortening, a
 * dotted IPv4 tail, a `%zone`), or null.
 */
export function parseIpv6(text: string): number[] | null {
  const zone = text.indexOf("%");
  if (zone === text.length - 1) return null;
  const address = zone === -1 ? text : text.slice(0, zone);
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const groups: number[][] = [];
  for (const [h, half] of halves.entries()) {
    const parts = half === "" ? [] : half.split(":");
    const words: number[] = [];
    for (const [p, part] of parts.entries()) {
      if (h === halves.length - 1 && p === parts.length - 1 && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (v4 === null) return null;
        words.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) words.push(parseInt(part, 16));
      else return null;
    }
    groups.push(words);
  }
  if (groups.length === 1) return groups[0].length === 8 ? groups[0] : null;
  const missing = 8 - groups[0].length - groups[1].length;
  return missing >= 1 ? [...groups[0], ...Array<number>(missing).fill(0), ...groups[1]] : null;
}

function ipv4Reason(value: number): string | null {
  for (const rule of IPV4_RULES) {
    const size = 2 ** (32 - rule.prefix);
    if (Math.floor(value / size) === Math.floor(rule.base / size)) return rule.reason;
  }
  return null;
}

function inIpv6Prefix(words: number[], base: number[], prefix: number): boolean {
  for (let i = 0, bits = prefix; bits > 0; i++, bits -= 16) {
    const mask = (0xffff << (16 - Math.min(bits, 16))) & 0xffff;
    if ((words[i] & mask) !== (base[i] & mask)) return false;
  }
  return true;
}

const v4Of = (high: number, low: number) => high * 0x10000 + low;
const zeros = (words: number[], from: number, to: number) => words.slice(from, to).every((w) => w === 0);

function ipv6Reason(words: number[]): string | null {
  for (const rule of IPV6_RULES.slice(0, 2)) if (inIpv6Prefix(words, rule.base, rule.prefix)) return rule.reason;
  // IPv4-mapped ::ffff:0:0/96 and IPv4-translated ::ffff:0:0:0/96: what the embedded address is.
  if (zeros(words, 0, 5) && words[5] === 0xffff) return ipv4Reason(v4Of(words[6], words[7]));
  if (zeros(words, 0, 4) && words[4] === 0xffff && words[5] === 0) return ipv4Reason(v4Of(words[6], words[7]));
  // IPv4-compatible ::a.b.c.d (deprecated; Linux may still route it to the IPv4 address): never public.
  if (zeros(words, 0, 6)) return ipv4Reason(v4Of(words[6], words[7])) ?? "reserved";
  // NAT64 64:ff9b::/96: a translator sends it to the embedded address.
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(words, 2, 6)) return ipv4Reason(v4Of(words[6], words[7]));
  // 6to4 2002:aabb:ccdd::/48: a relay sends it to aa.bb.cc.dd.
  if (words[0] === 0x2002) return ipv4Reason(v4Of(words[1], words[2]));
  // Teredo 2001:0::/32: the client's address is the last 32 bits, inverted.
  if (words[0] === 0x2001 && words[1] === 0) return ipv4Reason(v4Of(words[6] ^ 0xffff, words[7] ^ 0xffff));
  for (const rule of IPV6_RULES.slice(2)) if (inIpv6Prefix(words, rule.base, rule.prefix)) return rule.reason;
  // Everything outside global unicast 2000::/3 is reserved by IANA.
  return (words[0] & 0xe000) === 0x2000 ? null : "reserved";
}

/**
 * Why an IP address is not a public one, or null when it is: "loopback", "private", "link-local",
 * "unique-local", "site-local", "CGNAT (100.64.0.0/10)", "multicast", "broadcast", "unspecified",
 * "documentation" or "reserved". IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d` or
 * `::ffff:7f00:1`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo) are judged
 * by that address. Anything that is not an address at all is "not an IP address".
 */
export function addressReason(address: string): string | null {
  const v4 = parseIpv4(address);
  if (v4 !== null) return ipv4Reason(v4);
  const v6 = parseIpv6(address);
  if (v6 !== null) return ipv6Reason(v6);
  return "not an IP address";
}

/**
 * Why a host name (not an address) is not a public one, or null: lower-cased and one trailing dot
 * dropped, `localhost` and `*.localhost` are "loopback"; cloud metadata names ("metadata",
 * "metadata.google.internal", "instance-data[.ec2.internal]") "cloud metadata"; names under .internal,
 * .local and .home.arpa "private name"; a name without a dot (found through the local search domains)
 * "local name"; a name with an empty label "not a host name". Where a public-looking name points is
 * only known once it is resolved: the sender checks the addresses it gets.
 */
export function hostNameReason(hostName: string): string | null {
  const name = hostName.toLowerCase().replace(/\.$/, "");
  if (name === "" || name.split(".").includes("")) return "not a host name";
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  if (METADATA_NAMES.has(name)) return "cloud metadata";
  if (PRIVATE_SUFFIXES.some((suffix) => name.endsWith(suffix))) return "private name";
  if (!name.includes(".")) return "local name";
  return null;
}

function reasonProblem(reason: string | null, shown: string, { allowPrivate }: { allowPrivate: boolean }) {
  if (reason === null) return null;
  if (reason === "not a host name" || reason === "not an IP address") return `${shown} is ${reason}`;
  if (NEVER_ALLOWED.has(reason)) return `${shown} is refused: ${reason}, never allowed for webhooks`;
  if (allowPrivate) return null;
  return (
    `${shown} is refused: ${reason}. For lab receivers on private addresses, set ` +
    "MIGBENCH_WEBHOOK_ALLOW_PRIVATE=1 for the app and its workers"
  );
}

/**
 * Why an address may not be sent to, as a sentence naming it as `shown` (e.g. "hooks.example.com
 * (10.0.0.7)" for an address a name resolved to), or null. With `allowPrivate` (labs whose receivers
 * are on private addresses) only link-local, multicast, broadcast and unspecified addresses are
 * still refused.
 */
export function addressProblem(
  address: string,
  { allowPrivate, shown = address }: { allowPrivate: boolean; shown?: string },
): string | null {
  return reasonProblem(addressReason(address), shown, { allowPrivate });
}

/**
 * Why the host of a URL may not be sent to, as a sentence, or null: an IP literal is judged by its
 * address, a name by hostNameReason (its addresses are checked when it is resolved, at sending time).
 * With `allowPrivate` only link-local, cloud metadata, multicast, broadcast and unspecified hosts
 * are still refused.
 */
export function webhookTargetProblem(url: URL, { allowPrivate }: { allowPrivate: boolean }): string | null {
  const host = url.hostname;
  if (host.startsWith("[")) return addressProblem(host.slice(1, -1), { allowPrivate, shown: host });
  if (parseIpv4(host) !== null) return addressProblem(host, { allowPrivate });
  return reasonProblem(hostNameReason(host), host, { allowPrivate });
}
