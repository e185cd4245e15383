import { Cron } from "croner";
import { z } from "zod";
import { checkboxField, textField } from "./fields";

/**
 * Why a cron expression is refused, or null. Five fields (minute hour day-of-month month
 * day-of-week), read in UTC; parsed by croner, the library the runner fires schedules with.
 */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return 'A schedule is five fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * 1-5" (03:00 UTC on weekdays)';
  try {
    new Cron(expression, { paused: true, timezone: "UTC" });
    return null;
  } catch (error) {
    return `Not a schedule: ${(error as Error).message.replace(/^CronPattern: /, "")}`;
  }
}

/** The next time a cron expression fires after `after` (UTC); null if it never does. */
export function nextCronRun(expression: string, after: Date): Date | null {
  return new Cron(expression, { paused: true, timezone: "UTC" }).nextRun(after);
}

/**
 * A schedule as made from a campaign and as edited: its name, when it runs, and whether it is paused
 * (a checkbox: absent is "not paused", so a schedule made without it fires).
 */
export const scheduleSchema = z.object({
  name: textField("Name", 200),
  cron: z
    .string({ error: "Enter when it runs, e.g. 0 3 * * 1-5" })
    .trim()
    .min(1, "Enter when it runs, e.g. 0 3 * * 1-5")
    .max(100, "A schedule is at most 100 characters")
    .superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  paused: checkboxField.optional(),
});
export type ScheduleInput = z.output<typeof scheduleSchema>;
