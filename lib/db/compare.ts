import "server-only";
import { db } from "./client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SelectionTerm } from "@/lib/schemas/compare";

const RUN_SELECT = {
  id: true,
  iteration: true,
  status: true,
  adapter: true,
  durationMs: true,
  downtimeMs: true,
  transferredBytes: true,
  throughputGbps: true,
  precopyRounds: true,
  dirtyRateBytesPerSec: true,
  errorReason: true,
  startedAt: true,
  finishedAt: true,
  campaign: { select: { id: true, name: true, testbed: { select: { id: true, name: true, hypervisor: true, linkScale: true } } } },
  link: { select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true } },
  profile: { select: { id: true, name: true, memoryBytes: true, vmCount: true, vcpuCount: true, workload: true, dirtyRateBytesPerSec: true, workingSetBytes: true } },
} satisfies Prisma.RunSelect;

export type SelectedRun = Prisma.RunGetPayload<{ select: typeof RUN_SELECT }>;

function termWhere(term: SelectionTerm): Prisma.RunWhereInput {
  switch (term.kind) {
    case "campaign":
      return { campaignId: { in: term.ids } };
    case "link":
      return { linkId: { in: term.ids } };
    case "testbed":
      return { campaign: { testbedId: { in: term.ids } } };
    case "profile":
      return { profileId: { in: term.ids } };
    case "runs":
      return { id: { in: term.ids } };
  }
}

/** Succeeded runs matching every term of a selection and the shared filters. */
export async function listRunsForSelection({ terms, workload, profileId }: { terms: SelectionTerm[]; workload?: string; profileId?: number }) {
  return db.run.findMany({
    where: {
      AND: terms.map(termWhere),
      status: "succeeded",
      ...(workload ? { profile: { workload } } : {}),
      ...(profileId ? { profileId } : {}),
    },
    orderBy: { id: "asc" },
    select: RUN_SELECT,
  });
}

/** Runs by id (a saved comparison's frozen set), in the same shape; asked in chunks of 500 ids. */
export async function listRunsByIds({ ids }: { ids: number[] }) {
  const runs: SelectedRun[] = [];
  for (let i = 0; i < ids.length; i += 500) runs.push(...(await db.run.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, orderBy: { id: "asc" }, select: RUN_SELECT })));
  return runs.sort((a, b) => a.id - b.id);
}

/** Every run of a campaign in export shape (all statuses), 500 at a time: exports stream them. */
export async function* iterateCampaignRunsForExport({ campaignId }: { campaignId: number }) {
  let after = 0;
  for (;;) {
    const page = await db.run.findMany({ where: { campaignId, id: { gt: after } }, orderBy: { id: "asc" }, take: 500, select: RUN_SELECT });
    if (!page.length) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

/** Remaining-bytes samples of a few runs, for overlaid curves. */
export async function listSamplesForRuns({ runIds, take = 8 }: { runIds: number[]; take?: number }) {
  return db.run.findMany({
    where: { id: { in: runIds.slice(0, take) } },
    select: { id: true, link: { select: { name: true } }, profile: { select: { name: true } }, samples: { orderBy: { tMs: "asc" }, select: { tMs: true, remainingBytes: true } } },
  });
}

/** What the comparison controls offer: campaigns, testbeds with links, profiles. */
export async function listCompareOptions() {
  const [campaigns, testbeds, profiles] = await Promise.all([
    db.campaign.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true } }),
    db.testbed.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, links: { orderBy: { lineRateGbps: "asc" }, select: { id: true, name: true } } } }),
    db.vmProfile.findMany({ orderBy: [{ vmCount: "asc" }, { memoryBytes: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  return { campaigns, testbeds, profiles };
}

/** Words for a selection, e.g. "Whitepaper… · 10GbE ConnectX-2". */
export async function describeSelection({ terms }: { terms: SelectionTerm[] }): Promise<string> {
  const parts: string[] = [];
  for (const t of terms) {
    const where = { where: { id: { in: t.ids } }, select: { name: true } } as const;
    const names =
      t.kind === "campaign"
        ? (await db.campaign.findMany(where)).map((x) => x.name)
        : t.kind === "link"
          ? (await db.link.findMany(where)).map((x) => x.name)
          : t.kind === "testbed"
            ? (await db.testbed.findMany(where)).map((x) => x.name)
            : t.kind === "profile"
              ? (await db.vmProfile.findMany(where)).map((x) => x.name)
              : [`runs ${t.ids.map((i) => `#${i}`).join(", ")}`];
    parts.push(names.length ? names.join(" / ") : `${t.kind} ${t.ids.join(", ")} (not found)`);
  }
  return parts.join(" · ");
}
