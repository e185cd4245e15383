import cronstrue from "cronstrue";
import { Cron } from "croner";

/*
 * A schedule's cron expression for people: in words (cronstrue) and its next firings (croner, the library
 * the runner fires schedules with), both in UTC.
 */

/** "At 03:00, Monday through Friday (UTC)"; null when the expression is not one. */
export function cronInWords(expression: string): string | null {
  try {
    return `${cronstrue.toString(expression.trim(), { use24HourTimeFormat: true, verbose: false })} (UTC)`;
  } catch {
    return null;
  }
}

/** The next `count` times an expression fires after `after`, in UTC; empty when it is not an expression. */
export function nextFirings(expression: string, count: number, after = new Date()): Date[] {
  try {
    return new Cron(expression.trim(), { paused: true, timezone: "UTC" }).nextRuns(count, after);
  } catch {
    return [];
  }
}
