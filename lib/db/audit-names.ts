import "server-only";
import { db } from "./client";

/*
 * The names the audit log writes beside ids, read before a change, so an entry says what a record was
 * called then (an id alone means nothing once the record is renamed or gone).
 */

/** `“name” (#id)`, or `#id` when the record has no name (any more). */
export function named(name: string | null | undefined, id: number | string): string {
  return name ? `“${name}” (#${id})` : `#${id}`;
}

export async function campaignNameOf(id: number): Promise<string | null> {
  return (await db.campaign.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

export async function testbedNameOf(id: number): Promise<string | null> {
  return (await db.testbed.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

export async function linkNameOf(id: number): Promise<string | null> {
  return (await db.link.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

export async function profileNameOf(id: number): Promise<string | null> {
  return (await db.vmProfile.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
}

/** A run as people name it: its campaign, link, profile and iteration. */
export async function runLabelOf(id: number): Promise<string> {
  const run = await db.run.findUnique({
    where: { id },
    select: {
      iteration: true,
      campaign: { select: { name: true } },
      link: { select: { name: true } },
      profile: { select: { name: true } },
    },
  });
  return run
    ? `run #${id} of “${run.campaign.name}” (${run.link.name} × ${run.profile.name}, iteration ${run.iteration})`
    : `run #${id}`;
}
