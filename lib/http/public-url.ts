/** The public address of the app as configured (MIGBENCH_URL, without a trailing slash); undefined when unset. */
export function configuredPublicUrl(): string | undefined {
  return process.env.MIGBENCH_URL?.replace(/\/$/, "") || undefined;
}

/** The address links to the app start with: MIGBENCH_URL, else http://localhost:<PORT> of this machine. */
export function publicUrl(): string {
  return configuredPublicUrl() ?? `http://localhost:${process.env.PORT || 3000}`;
}
