/*
 * Whether this process can reach its database, as its database watch last found (lib/http/health.ts):
 * kept on globalThis so the proxy (its own bundle, same process) can answer 503 at once while the
 * database is unreachable, instead of pages rendering empty and API routes failing with a bare 500.
 * No imports: the proxy reads it on every request.
 */

export type DatabaseState = {
  reachable: boolean;
  /** Since when it has been as it is (ms since the epoch). */
  since: number;
  /** What failed, in one line, while unreachable. */
  reason: string | null;
};

declare global {
  var __migbenchDatabaseState: DatabaseState | undefined;
}

/** The database's state as last seen; reachable until a check says otherwise. */
export function databaseState(): DatabaseState {
  return globalThis.__migbenchDatabaseState ?? { reachable: true, since: 0, reason: null };
}

/** Records what a check or a request found. */
export function noteDatabaseState(reachable: boolean, reason: string | null = null): void {
  const current = databaseState();
  if (current.reachable === reachable && current.since) {
    if (!reachable) globalThis.__migbenchDatabaseState = { ...current, reason };
    return;
  }
  globalThis.__migbenchDatabaseState = { reachable, since: Date.now(), reason: reachable ? null : reason };
  // Said once per change, with the reason, where operators look.
  if (current.since || !reachable)
    console.error(
      reachable ? "[migbench] the database answers again" : `[migbench] the database is unreachable: ${reason}`,
    );
}

/**
 * The message people get while it is unreachable: since when, not why (the driver's words can name hosts,
 * ports and users; the server's log has them).
 */
export function databaseDownMessage(state: DatabaseState = databaseState()): string {
  const since = new Date(state.since).toISOString().slice(11, 19);
  return `migbench cannot reach its database (since ${since} UTC). Runs in progress are kept; try again in a few seconds.`;
}

/**
 * Whether an error says the database cannot be reached (not that a query was wrong, nor that SQLite was
 * busy a moment: a locked database is no outage).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === "string" &&
    [
      "P1001",
      "P1002",
      "P1008",
      "P1017",
      "P2024",
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "SQLITE_CANTOPEN",
    ].includes(code)
  )
    return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Can't reach database server|Connection refused|ECONNREFUSED|connection terminated|Connection terminated|server closed the connection|terminating connection|the database system is (shutting down|starting up)|unable to open database file|Timed out fetching a new connection|timeout exceeded when trying to connect/i.test(
    message,
  );
}
