"use client";

import { useRouter } from "next/navigation";
import {
  compareQuery,
  GROUPINGS,
  METRICS,
  type Grouping,
  type Metric,
  type SelectionTerm,
} from "@/lib/schemas/compare";
import { BUTTON_CLASSES } from "@/components/ui/button-link";
import { SearchPicker, type PickerItem } from "@/components/ui/search-picker";

type SideChoices = Partial<Record<"campaign" | "testbed" | "link", PickerItem | null>>;

/** What the URL selects, with names, so the pickers can show it. */
export type CompareChoices = { b: SideChoices; c: SideChoices; profile: PickerItem | null; variants: string[] };

export type CompareControlsProps = {
  choices: CompareChoices;
  b?: SelectionTerm[];
  c?: SelectionTerm[];
  metric: Metric;
  group: Grouping;
  pool: boolean;
  workload?: string;
  /** The settings variants the sides' runs used, by label ("Pre-copy" first), and each side's pinned one. */
  variants: string[];
  bv?: string;
  cv?: string;
};

const SELECT = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function idsOf(terms: SelectionTerm[] | undefined, kind: SelectionTerm["kind"]): string {
  return terms?.find((t) => t.kind === kind)?.ids.join(".") ?? "";
}

function Side({
  prefix,
  title,
  terms,
  choices,
  variants,
  variant,
}: {
  prefix: "b" | "c";
  title: string;
  terms?: SelectionTerm[];
  choices: SideChoices;
  variants: string[];
  variant?: string;
}) {
  return (
    <fieldset className="grid gap-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">{title}</legend>
      <SearchPicker name={`${prefix}campaign`} label="Campaign" kind="campaign" initial={choices.campaign ?? null} />
      <SearchPicker name={`${prefix}testbed`} label="Testbed" kind="testbed" initial={choices.testbed ?? null} />
      <SearchPicker name={`${prefix}link`} label="Link" kind="link" initial={choices.link ?? null} />
      <label className="text-xs text-slate-600">
        Run ids (optional, e.g. 4, 5, 9)
        <input
          name={`${prefix}runs`}
          defaultValue={idsOf(terms, "runs").replaceAll(".", ", ")}
          maxLength={4000}
          className={SELECT}
        />
      </label>
      {variants.length > 1 || variant ? (
        <label className="text-xs text-slate-600">
          Settings variant
          <select name={`${prefix}variant`} defaultValue={variant ?? ""} className={SELECT}>
            <option value="">every variant, each in its own groups</option>
            {variants.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </fieldset>
  );
}

function termsFrom(form: FormData, prefix: "b" | "c"): SelectionTerm[] {
  const terms: SelectionTerm[] = [];
  for (const kind of ["campaign", "testbed", "link"] as const) {
    const v = Number(form.get(`${prefix}${kind}`));
    if (v > 0) terms.push({ kind, ids: [v] });
  }
  const runs = String(form.get(`${prefix}runs`) ?? "")
    .split(/[\s,.;]+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  if (runs.length) terms.push({ kind: "runs", ids: runs });
  return terms;
}

/** Builds a comparison; every choice goes into the URL, which alone describes the view. */
export function CompareControls({
  choices,
  b,
  c,
  metric,
  group,
  pool,
  workload,
  variants,
  bv,
  cv,
}: CompareControlsProps) {
  const router = useRouter();
  return (
    <form
      aria-label="Comparison controls"
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const query = compareQuery({
          b: termsFrom(form, "b"),
          c: termsFrom(form, "c"),
          metric: form.get("metric") as Metric,
          group: form.get("group") as Grouping,
          pool: form.get("pool") === "1",
          workload: String(form.get("workload") || "") || undefined,
          profile: Number(form.get("profile")) || undefined,
          bv: String(form.get("bvariant") ?? "") || undefined,
          cv: String(form.get("cvariant") ?? "") || undefined,
        });
        router.push(`/compare?${query}`);
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <Side prefix="b" title="Baseline" terms={b} choices={choices.b} variants={variants} variant={bv} />
        <Side prefix="c" title="Candidate" terms={c} choices={choices.c} variants={variants} variant={cv} />
      </div>
      <div className="grid gap-3 sm:grid-cols-4">
        <label className="text-xs text-slate-600">
          Metric
          <select name="metric" defaultValue={metric} className={SELECT}>
            {Object.entries(METRICS).map(([k, m]) => (
              <option key={k} value={k}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Group by
          <select name="group" defaultValue={group} className={SELECT}>
            {Object.entries(GROUPINGS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          Workload
          <select name="workload" defaultValue={workload ?? ""} className={SELECT}>
            <option value="">all</option>
            <option value="idle">idle</option>
            <option value="once">once</option>
            <option value="continuous">continuous</option>
          </select>
        </label>
        <SearchPicker name="profile" label="VM profile" kind="profile" initial={choices.profile} emptyLabel="all" />
      </div>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="pool" value="1" defaultChecked={pool} className="mt-1" />
        <span>
          Pool VM sizes
          <span className="block text-xs text-slate-500">
            Off: every group keeps VM count and memory size apart (a mean over 16 GB and 64 GB VMs describes neither).
            On: a group may mix profiles, and says so.
          </span>
        </span>
      </label>
      <div>
        <button type="submit" className={BUTTON_CLASSES.primary}>
          Show comparison
        </button>
      </div>
    </form>
  );
}
