import Link from "next/link";
import { RUN_STATUSES } from "@/lib/model/vocabulary";
import { RUN_SORTS, type CampaignRunsQuery, type RunSort } from "@/lib/schemas/campaign";
import { BUTTON_CLASSES } from "@/components/ui/button-link";

export type RunsFilterProps = {
  campaignId: number;
  query: Partial<CampaignRunsQuery>;
  links: { id: number; name: string }[];
  profiles: { id: number; name: string }[];
};

const SELECT = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * Which runs the table shows and in which order: a plain GET form, so the view is the URL (a copied link
 * shows the same runs) and works before any script loads; it returns to the runs card.
 */
export function RunsFilter({ campaignId, query, links, profiles }: RunsFilterProps) {
  const filtered = !!(query.status || query.link || query.profile || (query.sort && query.sort !== "id"));
  return (
    <form
      method="get"
      action={`/campaigns/${campaignId}#runs`}
      aria-label="Filter and sort the runs"
      className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-[repeat(4,minmax(0,1fr))_auto] sm:items-end"
    >
      <div className="text-xs text-slate-600">
        <label htmlFor="runs-status">Status</label>
        <select id="runs-status" name="status" defaultValue={query.status ?? ""} className={SELECT}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="text-xs text-slate-600">
        <label htmlFor="runs-link">Link</label>
        <select id="runs-link" name="link" defaultValue={query.link ?? ""} className={SELECT}>
          <option value="">Any link</option>
          {links.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="text-xs text-slate-600">
        <label htmlFor="runs-profile">VM profile</label>
        <select id="runs-profile" name="profile" defaultValue={query.profile ?? ""} className={SELECT}>
          <option value="">Any VM profile</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="text-xs text-slate-600">
        <label htmlFor="runs-sort">Order</label>
        <select id="runs-sort" name="sort" defaultValue={query.sort ?? "id"} className={SELECT}>
          {(Object.keys(RUN_SORTS) as RunSort[]).map((key) => (
            <option key={key} value={key}>
              {RUN_SORTS[key].label}
            </option>
          ))}
        </select>
      </div>
      <div className="col-span-2 flex gap-2 sm:col-span-1">
        <button type="submit" className={BUTTON_CLASSES.secondary}>
          Apply
        </button>
        {filtered ? (
          <Link href={`/campaigns/${campaignId}#runs`} prefetch={false} className={BUTTON_CLASSES.secondary}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
