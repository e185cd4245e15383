"use client";

import { useActionState, useState } from "react";
import { SearchPicker } from "@/components/ui/search-picker";
import { formKey, INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { TIME_SCALES } from "@/lib/schemas/campaign";
import { predictRun } from "@/lib/model/predict";
import { usableRateGbps } from "@/lib/model/rates";
import { formatDurationMs, formatGbps, formatMemory } from "@/lib/format/units";
import { errorsFor, FieldErrors, FormMessage, InputField, SubmitButton } from "@/components/ui/form-fields";
import { fetchProfile, fetchTestbed, type LaunchProfile, type LaunchTestbed } from "./launch-options";
import { LaunchPredictions, type PredictedCell } from "./launch-predictions";
import { CheckTiles } from "./check-tiles";
import { SharedPathNote } from "./shared-path-note";
import {
  SettingsVariants,
  sweepProblem,
  sweepValues,
  variantJson,
  type SweepDraft,
  type VariantDraft,
} from "./settings-variants";
import { idsFrom, startingValues, sweepFrom, variantsFrom } from "./launch-echo";
import { settingsVariantSchema } from "@/lib/schemas/migration-settings";
import { applySweep, formatSweepValue, settingsLabel, withTestbedDowntimeLimit } from "@/lib/model/migration-settings";

export type LaunchFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** The testbed the form starts on (with its links). */
  initialTestbed: LaunchTestbed;
  /** The first VM profiles, offered as checkboxes; others are found by name. */
  profiles: LaunchProfile[];
  testbedCount: number;
  profileCount: number;
  /**
   * Values to start from, in the shape a submission has (ids comma-separated, variants and sweep as JSON):
   * "Launch again" of a campaign. Nothing is written until the form is sent.
   */
  prefill?: Record<string, string>;
};

/** Testbeds and VM profiles the form has details of: the server's first ones, then what pickers chose. */
type Known = { testbeds: Map<number, LaunchTestbed>; profiles: Map<number, LaunchProfile> };

/** Launch a campaign: testbed, links × VM profiles × iterations, with the model's predictions. */
export function LaunchForm(props: LaunchFormProps) {
  const [state, formAction] = useActionState(props.action, INITIAL_ACTION_STATE);
  // Kept above the body, so a refused launch (which remounts the body) still knows what was picked.
  const [known, setKnown] = useState<Known>(() => ({
    testbeds: new Map([[props.initialTestbed.id, props.initialTestbed]]),
    profiles: new Map(props.profiles.map((p) => [p.id, p])),
  }));
  return (
    <LaunchFormBody
      key={formKey(state)}
      {...props}
      known={known}
      setKnown={setKnown}
      state={state}
      formAction={formAction}
    />
  );
}

type BodyProps = LaunchFormProps & {
  known: Known;
  setKnown: (update: (k: Known) => Known) => void;
  state: ActionState;
  formAction: (fd: FormData) => void;
};

function LaunchFormBody({
  initialTestbed,
  testbedCount,
  profileCount,
  prefill,
  known,
  setKnown,
  state,
  formAction,
}: BodyProps) {
  const sent = startingValues(state, prefill);
  const sentTestbed = sent ? Number(sent.testbedId) || undefined : undefined;
  const [testbedId, setTestbedId] = useState<number | undefined>(
    sentTestbed && known.testbeds.has(sentTestbed) ? sentTestbed : initialTestbed.id,
  );
  const testbed = testbedId ? known.testbeds.get(testbedId) : undefined;
  const [loading, setLoading] = useState<string | null>(null);
  const [linkIds, setLinkIds] = useState<number[]>(idsFrom(sent, "linkIds") ?? testbed?.links.map((l) => l.id) ?? []);
  const [profileIds, setProfileIds] = useState<number[]>(idsFrom(sent, "profileIds") ?? []);
  const profiles = [...known.profiles.values()];

  const chooseTestbed = async (id: number | undefined) => {
    if (id && !known.testbeds.has(id)) {
      setLoading("Loading the testbed's links…");
      const found = await fetchTestbed(id);
      setLoading(found ? null : "That testbed could not be loaded; it may have been deleted. Choose another.");
      if (!found) return;
      setKnown((k) => ({ ...k, testbeds: new Map(k.testbeds).set(id, found) }));
      setTestbedId(id);
      setLinkIds(found.links.map((l) => l.id));
      return;
    }
    setLoading(null);
    setTestbedId(id);
    setLinkIds((id ? known.testbeds.get(id)?.links.map((l) => l.id) : undefined) ?? []);
  };

  const addProfile = async (id: number) => {
    if (!known.profiles.has(id)) {
      const found = await fetchProfile(id);
      if (!found) return setLoading("That VM profile could not be loaded; it may have been deleted.");
      setKnown((k) => ({ ...k, profiles: new Map(k.profiles).set(id, found) }));
    }
    setProfileIds((ids) => (ids.includes(id) ? ids : [...ids, id]));
  };
  const [iterations, setIterations] = useState<string>(sent?.iterations ?? "3");
  const [timeScale, setTimeScale] = useState<number>(sent?.timeScale ? Number(sent.timeScale) : 50);

  const [variants, setVariants] = useState<VariantDraft[]>(() => variantsFrom(sent));
  const [sweep, setSweep] = useState<SweepDraft>(() => sweepFrom(sent));
  const capabilities = testbed?.readiness.capabilities ?? null;

  const chosenLinks = testbed?.links.filter((l) => linkIds.includes(l.id)) ?? [];
  const chosenProfiles = profiles.filter((p) => profileIds.includes(p.id));
  // Guests that do not fit a host (all VMs of a profile migrate to the same destination).
  const hostMemory = testbed?.hostMemoryBytes ?? null;
  const tooBig = (p: LaunchProfile) => hostMemory !== null && guestMemory(p) > hostMemory;
  const oversized = chosenProfiles.filter(tooBig);
  const n = Math.max(0, Math.floor(Number(iterations)) || 0);

  // Closed-form predictions, one per run of an iteration: cheap enough to recompute on every change.
  const settings = variants.map((v) => {
    const parsed = settingsVariantSchema.safeParse(variantJson(v, capabilities));
    return parsed.success ? parsed.data : null;
  });
  const swept: (number | null)[] = sweep.variable ? sweepValues(sweep) : [null];
  const predictions: PredictedCell[] = chosenProfiles.flatMap((profile) =>
    chosenLinks.flatMap((link) =>
      settings.flatMap((variant, v) =>
        swept.flatMap((value) => {
          if (!variant) return [];
          const played = withTestbedDowntimeLimit(variant, testbed?.downtimeLimitMs ?? null);
          const at = applySweep(profile, played, sweep.variable || null, value);
          return {
            // The combination itself: two variants may read alike while being typed, two values may round alike.
            key: `${profile.id}/${link.id}/${v}/${value ?? ""}`,
            link,
            profile,
            variant: variants.length > 1 ? settingsLabel(variant) : null,
            swept: value === null || !sweep.variable ? null : formatSweepValue(sweep.variable, value),
            prediction: predictRun(link, at.profile, testbed?.linkScale ?? 1, at.settings),
          };
        }),
      ),
    ),
  );
  const simulated = testbed?.hypervisor === "simulator";
  const runCount = predictions.length * n;
  const noRunsBecause = runCount
    ? null
    : !testbed
      ? "choose a testbed"
      : !chosenLinks.length
        ? "choose at least one link"
        : !chosenProfiles.length
          ? "choose at least one VM profile"
          : n < 1
            ? "give at least one iteration per cell"
            : sweepProblem(sweep)
              ? "the sweep has no values yet (see above)"
              : "fix the variants above";
  const modelTotalMs = predictions.reduce((a, p) => a + p.prediction.durationMs, 0) * n;
  const wallMs =
    modelTotalMs / (simulated && timeScale > 0 ? timeScale : 1) / Math.max(1, testbed?.maxConcurrentRuns ?? 1);

  return (
    <form action={formAction} noValidate className="grid gap-6" aria-label="Launch a campaign">
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          name="name"
          label="Campaign name"
          state={state}
          defaultValue={prefill?.name}
          placeholder="e.g. 10GbE vs 40GbE, 16 GB VM"
        />
        <div>
          <SearchPicker
            label="Testbed"
            kind="testbed"
            variant="field"
            inputId="field-testbedId"
            emptyLabel={null}
            placeholder={`type to search ${testbedCount} testbed${testbedCount === 1 ? "" : "s"}`}
            initial={testbed ? { id: testbed.id, name: testbed.name, detail: testbed.hypervisor } : null}
            onChoose={(item) => void chooseTestbed(item?.id)}
            describedBy="testbedId-error"
            invalid={state.ok === false && !!state.fieldErrors.testbedId}
          />
          <input type="hidden" name="testbedId" value={testbedId ?? ""} />
          {testbed ? (
            <p className="mt-1 text-xs text-slate-500">
              {testbed.hypervisor}
              {testbed.linkScale !== 1 ? `, links emulated at ×${testbed.linkScale}` : ""}
            </p>
          ) : null}
          {loading ? (
            <p className="mt-1 text-sm text-slate-600" role="status">
              {loading}
            </p>
          ) : null}
          <FieldErrors name="testbedId" errors={errorsFor(state, "testbedId")} />
          {testbed ? <ReadinessNote testbed={testbed} /> : null}
        </div>
      </div>

      <fieldset aria-describedby="linkIds-error">
        <legend className="mb-2 text-sm font-medium text-slate-700">Links</legend>
        {testbed?.links.length ? (
          <CheckTiles
            name="linkIds"
            items={testbed.links}
            selected={linkIds}
            onChange={setLinkIds}
            className="flex flex-wrap gap-3"
            detail={(l) =>
              `usable ${formatGbps(usableRateGbps(l))}` +
              (testbed.linkScale !== 1
                ? `, emulated at ${formatGbps(usableRateGbps(l) * testbed.linkScale)}`
                : l.emulated
                  ? ", emulated"
                  : "")
            }
          />
        ) : (
          <p className="text-sm text-slate-500">
            {testbed ? "This testbed has no links yet; add them on the testbed's page." : "Choose a testbed first."}
          </p>
        )}
        <FieldErrors name="linkIds" errors={errorsFor(state, "linkIds")} />
        {testbed ? <SharedPathNote links={chosenLinks} testbedId={testbed.id} /> : null}
      </fieldset>

      <fieldset aria-describedby="profileIds-error">
        <legend className="mb-2 text-sm font-medium text-slate-700">VM profiles</legend>
        <div className="mb-3 max-w-md">
          <SearchPicker
            label="Find a VM profile by name"
            kind="profile"
            variant="field"
            emptyLabel={null}
            clearOnChoose
            initial={null}
            placeholder="type part of a name"
            onChoose={(item) => item && void addProfile(item.id)}
          />
          {profileCount > profiles.length ? (
            <p className="mt-1 text-xs text-slate-500">
              {profiles.length} of {profileCount} profiles shown below; a profile found by name is added and checked.
            </p>
          ) : null}
        </div>
        <CheckTiles
          name="profileIds"
          items={profiles}
          selected={profileIds}
          onChange={setProfileIds}
          className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
          detail={(p) => `${p.vmCount} × ${formatMemory(p.memoryBytes)}`}
          warning={(p) =>
            tooBig(p) ? `needs ${formatMemory(guestMemory(p))}; the hosts have ${formatMemory(hostMemory)}` : null
          }
        />
        {oversized.length ? (
          <p
            role="alert"
            className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            {oversized.map((p) => p.name).join(", ")} need{oversized.length === 1 ? "s" : ""} more memory than each host
            of this testbed has ({formatMemory(hostMemory)}): such migrations swap or fail on real hosts.
          </p>
        ) : null}
        <FieldErrors name="profileIds" errors={errorsFor(state, "profileIds")} />
      </fieldset>

      <SettingsVariants
        variants={variants}
        onVariants={setVariants}
        sweep={sweep}
        onSweep={setSweep}
        capabilities={capabilities}
        profiles={chosenProfiles}
      />
      <FieldErrors name="variants" errors={errorsFor(state, "variants")} />
      <FieldErrors name="sweep" errors={errorsFor(state, "sweep")} />

      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="field-iterations" className="mb-1 block text-sm font-medium text-slate-700">
            Iterations per cell
          </label>
          <input
            id="field-iterations"
            name="iterations"
            type="number"
            min={1}
            max={100}
            value={iterations}
            onChange={(e) => setIterations(e.target.value)}
            aria-describedby="iterations-error"
            aria-invalid={state.ok === false && !!state.fieldErrors.iterations}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
          <FieldErrors name="iterations" errors={errorsFor(state, "iterations")} />
        </div>
        {simulated ? (
          <div>
            <label htmlFor="field-timeScale" className="mb-1 block text-sm font-medium text-slate-700">
              Simulator time
            </label>
            <select
              id="field-timeScale"
              name="timeScale"
              value={timeScale}
              onChange={(e) => setTimeScale(Number(e.target.value))}
              aria-describedby="timeScale-error"
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            >
              {TIME_SCALES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
            <FieldErrors name="timeScale" errors={errorsFor(state, "timeScale")} />
          </div>
        ) : (
          <input type="hidden" name="timeScale" value="1" />
        )}
        <div className="self-end text-sm text-slate-600">
          <p className="num font-medium text-slate-900">
            {runCount} run{runCount === 1 ? "" : "s"}
            {noRunsBecause ? <span className="font-normal text-slate-600">: {noRunsBecause}</span> : null}
          </p>
          {runCount ? (
            <p className="num">
              predicted {formatDurationMs(modelTotalMs)} of migration
              {!simulated
                ? ""
                : timeScale > 0
                  ? `, about ${formatDurationMs(wallMs)} of wall time`
                  : ", played without waiting: as fast as the workers compute it"}
            </p>
          ) : null}
        </div>
      </div>

      <LaunchPredictions predictions={predictions} />

      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Launching…">Launch campaign</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

const guestMemory = (p: LaunchProfile) => p.memoryBytes * p.vmCount;

/** Whether campaigns can run on the chosen testbed, from its stored settings; and what to fix if not. */
function ReadinessNote({ testbed }: { testbed: LaunchTestbed }) {
  if (testbed.readiness.ready)
    return (
      <p className="mt-1 text-xs text-emerald-700">
        Ready: {testbed.hypervisor} settings complete
        {testbed.hypervisor === "simulator" ? "" : " (the testbed page's adapter check reaches the hosts)"}.
      </p>
    );
  return (
    <div role="status" className="mt-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">Not ready: its runs would fail.</p>
      <ul className="list-disc pl-5 text-xs">
        {testbed.readiness.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <a href={`/testbeds/${testbed.id}`} className="text-xs text-sky-700 hover:underline">
        Fix it on the testbed&apos;s page
      </a>
    </div>
  );
}
