/*
 * libvirt URIs read with libvirt's own grammar (src/util/viruri.c: libxml2's xmlParseURI, then the
 * query split into name=value pairs on "&" or ";", each name and value percent-decoded), so what is
 * checked is what virsh will act on. The string an admin typed never reaches a program: virsh gets
 * formatLibvirtUri() of the parsed parts, which writes every parameter back with "&" and its value
 * percent-encoded, so a ";" or a newline can never start a parameter that was not checked.
 *
 * Allow-lists come from the environment of the app and the workers:
 *   MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS  parameters allowed beyond the safe ones (e.g. "socket,keyfile");
 *                                        the gated ones below need it
 */

export const MAX_LIBVIRT_URI_CHARS = 500;

/** The transports allowed after "qemu+": local (none), ssh, tls, tcp, unix. Never ext or libssh. */
export const LIBVIRT_TRANSPORTS = ["", "ssh", "tls", "tcp", "unix"] as const;
export type LibvirtTransport = (typeof LIBVIRT_TRANSPORTS)[number];

/** Safe parameters and the values each may take. */
const SAFE_PARAM_VALUES: Record<string, RegExp> = {
  no_tty: /^[01]$/,
  mode: /^(?:auto|legacy|direct)$/,
  proxy: /^(?:auto|netcat|native)$/,
  sshauth: /^(?:agent|privkey|password|keyboard-interactive)(?:,(?:agent|privkey|password|keyboard-interactive))*$/,
  known_hosts_verify: /^(?:normal|auto|ignore)$/,
};
export const LIBVIRT_SAFE_PARAMS = Object.keys(SAFE_PARAM_VALUES);

/** Parameters that read files, run programs or weaken checks: refused unless the admin allows them by name. */
export const LIBVIRT_GATED_PARAMS = [
  "command",
  "socket",
  "netcat",
  "keyfile",
  "no_verify",
  "pkipath",
  "known_hosts",
  "name",
  "tls_priority",
] as const;
const PATH_PARAMS = new Set(["command", "socket", "netcat", "keyfile", "pkipath", "known_hosts"]);
const SAFE_PATH = /^\/(?:[A-Za-z0-9._+-]+\/?)*$/;

const HOST_NAME =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,31}$/;
/** Printable ASCII only: no space, tab, newline, other control character, DEL or anything beyond ASCII. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;

/** An IPv4 address in dotted decimal (no octal, hex or short forms). */
export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/** An IPv6 address (no zone): checked by the WHATWG URL parser, which the browser has too (this runs in forms). */
export function isIPv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]{2,45}$/.test(value) || !value.includes(":")) return false;
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}

/** A host as written in a URI: a name, an IPv4 address, or an IPv6 address in brackets. */
export function isUriHost(value: string): boolean {
  if (value.startsWith("[") && value.endsWith("]")) return isIPv6(value.slice(1, -1));
  return value.length <= 253 && (isIPv4(value) || HOST_NAME.test(value));
}

/** A host given on its own (a listen address): a name or an IPv4 or IPv6 address, no brackets. */
export function isBareHost(value: string): boolean {
  return isIPv4(value) || isIPv6(value) || (value.length <= 253 && HOST_NAME.test(value));
}

export type LibvirtUri = {
  transport: LibvirtTransport;
  user: string | null;
  /** As written in the URI: IPv6 addresses keep their brackets. */
  host: string | null;
  port: number | null;
  path: "/system" | "/session";
  params: { name: string; value: string }[];
};

function csvEnv(name: string): string[] {
  return (process.env[name] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Strict percent-decoding: a "%" must start a valid escape and the bytes must be UTF-8. */
function percentDecode(text: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return null;
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const URI_SHAPE =
  /^([a-z0-9]+)(?:\+([a-z0-9]+))?:\/\/(?:([^@/?#]*)@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::([^/?#]*))?(\/[^?#]*)(?:\?(.*))?$/;

/**
 * Parses a libvirt URI, or says why it may not be used. Only the qemu driver and the transports above;
 * path /system or /session; no password, fragment or control character anywhere; every query parameter
 * known, allowed, given once, with a value of its expected form.
 */
export function parseLibvirtUri(value: string): { ok: true; uri: LibvirtUri } | { ok: false; problem: string } {
  const fail = (problem: string) => ({ ok: false as const, problem });
  if (value.length > MAX_LIBVIRT_URI_CHARS)
    return fail(`a libvirt URI has at most ${MAX_LIBVIRT_URI_CHARS} characters`);
  if (!PRINTABLE_ASCII.test(value))
    return fail("a libvirt URI must not contain spaces, tabs, line breaks, control or non-ASCII characters");
  if (value.includes("#")) return fail("a URI must not have a #fragment");
  const match = URI_SHAPE.exec(value);
  if (!match) return fail('a libvirt URI such as "qemu+ssh://kvm-01/system"');
  const [, driver, transport = "", userInfo, host, port, path, query] = match;
  if (driver !== "qemu") return fail(`driver "${driver}" is not allowed (only qemu)`);
  if (!(LIBVIRT_TRANSPORTS as readonly string[]).includes(transport))
    return fail(`transport "${transport}" is not allowed (none, ssh, tls, tcp, unix)`);
  if (userInfo !== undefined) {
    if (userInfo.includes(":")) return fail("a URI must not hold a password");
    if (!USER_NAME.test(userInfo)) return fail(`user "${userInfo}" is not a valid user name`);
  }
  if (host && !isUriHost(host)) return fail(`host "${host}" is not a host name or address`);
  if (!host && userInfo !== undefined) return fail("a user needs a host");
  let portNumber: number | null = null;
  if (port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535 || !host)
      return fail(`port "${port}" is not a port number (1–65535) after a host`);
    portNumber = Number(port);
  }
  if (path !== "/system" && path !== "/session") return fail('the path must be "/system" or "/session"');
  const params: LibvirtUri["params"] = [];
  if (query !== undefined && query !== "") {
    const allowed = new Set([...LIBVIRT_SAFE_PARAMS, ...csvEnv("MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS")]);
    // libvirt separates parameters with "&" or ";": both are separators here.
    for (const section of query.split(/[&;]/)) {
      if (section === "") return fail("the URI has an empty parameter (two separators in a row, or one at the end)");
      const eq = section.indexOf("=");
      const name = percentDecode(eq === -1 ? section : section.slice(0, eq));
      const paramValue = percentDecode(eq === -1 ? "" : section.slice(eq + 1));
      if (name === null || paramValue === null) return fail("the URI has a malformed %-escape");
      if (!/^[a-z_]{1,32}$/.test(name)) return fail(`"${name.slice(0, 40)}" is not a URI parameter name`);
      if (!allowed.has(name)) {
        return fail(
          (LIBVIRT_GATED_PARAMS as readonly string[]).includes(name)
            ? `the URI parameter "${name}" is refused unless the admin allows it in MIGBENCH_LIBVIRT_ALLOWED_URI_PARAMS`
            : `unknown URI parameter "${name}"`,
        );
      }
      if (params.some((p) => p.name === name)) return fail(`the URI parameter "${name}" is given twice`);
      const problem = paramValueProblem(name, paramValue);
      if (problem) return fail(problem);
      params.push({ name, value: paramValue });
    }
  }
  return {
    ok: true,
    uri: {
      transport: transport as LibvirtTransport,
      user: userInfo ?? null,
      host: host || null,
      port: portNumber,
      path,
      params,
    },
  };
}

function paramValueProblem(name: string, value: string): string | null {
  const safe = SAFE_PARAM_VALUES[name];
  if (safe) return safe.test(value) ? null : `the value of "${name}" is not one libvirt takes`;
  // An allowed gated parameter: printable, never an option to the program it reaches.
  if (!PRINTABLE_ASCII.test(value) || value.length > 300) return `the value of "${name}" is not allowed`;
  if (value.startsWith("-")) return `the value of "${name}" must not start with "-"`;
  if (PATH_PARAMS.has(name) && (!SAFE_PATH.test(value) || value.split("/").includes("..")))
    return `the value of "${name}" must be an absolute path without ".." or special characters`;
  if (name === "no_verify" && !/^[01]$/.test(value)) return `the value of "${name}" is 0 or 1`;
  return null;
}

/** Percent-encodes a parameter value, leaving the characters a path or a list needs readable. */
function encodeValue(value: string): string {
  return value.replace(/[^A-Za-z0-9._~/:,@+-]/g, (ch) =>
    [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/** The URI virsh is given: written from the parsed parts, parameters joined with "&" only. */
export function formatLibvirtUri(uri: LibvirtUri): string {
  const authority = `${uri.user ? `${uri.user}@` : ""}${uri.host ?? ""}${uri.port ? `:${uri.port}` : ""}`;
  const query = uri.params.map((p) => `${p.name}=${encodeValue(p.value)}`).join("&");
  return `qemu${uri.transport ? `+${uri.transport}` : ""}://${authority}${uri.path}${query ? `?${query}` : ""}`;
}

/** Why a libvirt URI is refused, or null when it may be used. */
export function libvirtUriProblem(value: string): string | null {
  const parsed = parseLibvirtUri(value);
  return parsed.ok ? null : parsed.problem;
}

/**
 * A migration URI (`virsh migrate --migrateuri`): "tcp://<host>[:port]", written back from its parts.
 * Null when it is not one.
 */
export function parseMigrateUri(value: string): string | null {
  if (value.length > 300 || !PRINTABLE_ASCII.test(value)) return null;
  const m = /^tcp:\/\/(\[[^\]]+\]|[^/:\[\]]+)(?::([0-9]{1,5}))?\/?$/.exec(value);
  if (!m || !isUriHost(m[1])) return null;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return null;
  return `tcp://${m[1]}${m[2] !== undefined ? `:${Number(m[2])}` : ""}`;
}
