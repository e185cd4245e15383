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

/** What an audit entry is about, as it is now: its current name and page, or that it is gone. */
export type AuditTarget = { label: string; href: string | null; deleted: boolean };

const TARGET_KINDS = ["testbed", "link", "profile", "campaign", "schedule", "user", "run", "comparison"] as const;
type TargetKind = (typeof TARGET_KINDS)[number];

const KIND_WORDS: Record<TargetKind, string> = {
  testbed: "testbed",
  link: "link",
  profile: "VM profile",
  campaign: "campaign",
  schedule: "schedule",
  user: "user",
  run: "run",
  comparison: "saved comparison",
};

/**
 * The targets of a page of audit entries, resolved at read time with one query per kind: the name a record
 * has now and where it lives, or "#12 (deleted)". The entry's summary keeps the name it had then (written
 * at the time); this says what it is called today and whether it still exists. Keyed `kind:id`.
 */
export async function resolveAuditTargets(
  entries: { targetType: string | null; targetId: string | null; detailsJson?: string | null }[],
): Promise<Map<string, AuditTarget>> {
  const ids = new Map<TargetKind, Set<string>>();
  const add = (kind: TargetKind, id: string) => {
    if (!ids.has(kind)) ids.set(kind, new Set());
    ids.get(kind)!.add(id);
  };
  for (const e of entries) {
    if (e.targetType && e.targetId && (TARGET_KINDS as readonly string[]).includes(e.targetType))
      add(e.targetType as TargetKind, e.targetId);
    for (const [key, value] of Object.entries(detailsOf(e.detailsJson))) {
      const kind = ID_DETAILS[key];
      if (kind) for (const id of [value].flat()) if (typeof id === "number") add(kind, String(id));
    }
  }
  const numeric = (kind: TargetKind) =>
    [...(ids.get(kind) ?? [])].map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const strings = (kind: TargetKind) => [...(ids.get(kind) ?? [])].slice(0, 200);
  const [testbeds, links, profiles, campaigns, schedules, users, runs, comparisons] = await Promise.all([
    db.testbed.findMany({ where: { id: { in: numeric("testbed") } }, select: { id: true, name: true } }),
    db.link.findMany({
      where: { id: { in: numeric("link") } },
      select: { id: true, name: true, testbedId: true, testbed: { select: { name: true } } },
    }),
    db.vmProfile.findMany({ where: { id: { in: numeric("profile") } }, select: { id: true, name: true } }),
    db.campaign.findMany({ where: { id: { in: numeric("campaign") } }, select: { id: true, name: true } }),
    db.schedule.findMany({ where: { id: { in: numeric("schedule") } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: strings("user") } }, select: { id: true, email: true } }),
    db.run.findMany({
      where: { id: { in: numeric("run") } },
      select: { id: true, campaign: { select: { name: true } } },
    }),
    db.comparison.findMany({ where: { slug: { in: strings("comparison") } }, select: { slug: true, title: true } }),
  ]);
  const found = new Map<string, AuditTarget>();
  const put = (kind: TargetKind, id: string | number, label: string, href: string | null) =>
    found.set(`${kind}:${id}`, { label, href, deleted: false });
  for (const t of testbeds) put("testbed", t.id, t.name, `/testbeds/${t.id}`);
  for (const l of links) put("link", l.id, `${l.name} (${l.testbed.name})`, `/testbeds/${l.testbedId}`);
  for (const p of profiles) put("profile", p.id, p.name, "/profiles");
  for (const c of campaigns) put("campaign", c.id, c.name, `/campaigns/${c.id}`);
  for (const s of schedules) put("schedule", s.id, s.name, "/schedules");
  for (const u of users) put("user", u.id, u.email, "/admin/users");
  for (const r of runs) put("run", r.id, `run #${r.id} of ${r.campaign.name}`, `/runs/${r.id}`);
  for (const c of comparisons) put("comparison", c.slug, c.title, `/c/${c.slug}`);
  const out = new Map<string, AuditTarget>();
  for (const [kind, set] of ids)
    for (const id of set) {
      const key = `${kind}:${id}`;
      out.set(key, found.get(key) ?? { label: deletedLabel(kind, id), href: null, deleted: true });
    }
  return out;
}

/** A record that no longer exists, by the id the entry kept: "VM profile #12 (deleted)". */
function deletedLabel(kind: TargetKind, id: string): string {
  if (kind === "comparison") return `saved comparison /c/${id} (deleted)`;
  if (kind === "user") return `user ${id.slice(0, 8)}… (deleted)`;
  return `${KIND_WORDS[kind]} #${id} (deleted)`;
}

/** Details that hold ids (a launch's testbed, links and profiles), and what they are ids of. */
const ID_DETAILS: Record<string, TargetKind> = {
  testbedId: "testbed",
  linkIds: "link",
  linkId: "link",
  profileIds: "profile",
  profileId: "profile",
  campaignId: "campaign",
};

const ID_DETAIL_WORDS: Record<string, string> = {
  testbedId: "testbed",
  linkIds: "links",
  linkId: "link",
  profileIds: "VM profiles",
  profileId: "VM profile",
  campaignId: "campaign",
};

function detailsOf(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * An entry's details for people: ids of testbeds, links, VM profiles and campaigns by name (as resolved
 * by resolveAuditTargets), everything else as `key: value`. "testbed Lab A; links 10GbE (Lab A), link #7
 * (deleted); iterations: 3".
 */
export function describeAuditDetails(json: string | null, targets: Map<string, AuditTarget>): string | null {
  const details = detailsOf(json);
  const parts = Object.entries(details).map(([key, value]) => {
    const kind = ID_DETAILS[key];
    if (!kind) return `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`;
    const names = [value]
      .flat()
      .map((id) => targets.get(`${kind}:${String(id)}`)?.label ?? `#${String(id)}`)
      .join(", ");
    return `${ID_DETAIL_WORDS[key]} ${names}`;
  });
  return parts.length ? parts.join("; ") : json;
}

/** The words for a target kind ("VM profile"), or null for kinds the log does not resolve. */
export function auditKindWord(kind: string | null): string | null {
  return kind && (TARGET_KINDS as readonly string[]).includes(kind) ? KIND_WORDS[kind as TargetKind] : null;
}
