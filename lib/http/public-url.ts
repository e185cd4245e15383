/** The public address of the app as configured (MIGBENCH_URL, without a trailing slash); undefined when unset. */
export function configuredPublicUrl(): string | undefined {
  return process.env.MIGBENCH_URL?.replace(/\/$/, "") || undefined;
}

/** The address links to the app start with: MIGBENCH_URL, else http://localhost:<PORT> of this machine. */
export function publicUrl(): string {
  return configuredPublicUrl() ?? `http://localhost:${process.env.PORT || 3000}`;
}

/**
 * The start-up warning when MIGBENCH_URL is unset, one line; null when it is set. Without it, Next's
 * metadataBase falls back to localhost, so a saved comparison's preview image (og:image) and the links in
 * webhook messages point at http://localhost:<PORT>, which no chat, wiki or colleague can reach.
 */
export function missingPublicUrlWarning(env: Record<string, string | undefined> = process.env): string | null {
  if (env.MIGBENCH_URL?.replace(/\/$/, "")) return null;
  return (
    `migbench: MIGBENCH_URL is not set, so link previews (a saved comparison's image) and webhook links point at ` +
    `http://localhost:${env.PORT || 3000}; set MIGBENCH_URL to the address people open (e.g. https://migbench.lab.example)`
  );
}
