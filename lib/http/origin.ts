import { fromTrustedProxy } from "./client-address";

/**
 * Whether a request's Origin is this app: the host it was sent to (behind a trusted proxy,
 * X-Forwarded-Host), or the host of MIGBENCH_URL. A missing Origin is `missing`, for the caller
 * to decide (a browser always sends one on a cross-site POST).
 */
export function originCheck(headers: Headers): "same" | "foreign" | "missing" {
  const origin = headers.get("origin");
  if (!origin) return "missing";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "foreign";
  }
  // X-Forwarded-Host is believed only from a trusted proxy (MIGBENCH_TRUSTED_PROXIES).
  const host = (fromTrustedProxy(headers) && headers.get("x-forwarded-host")) || headers.get("host");
  const configured = process.env.MIGBENCH_URL ? safeHost(process.env.MIGBENCH_URL) : null;
  return originHost === host || originHost === configured ? "same" : "foreign";
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
