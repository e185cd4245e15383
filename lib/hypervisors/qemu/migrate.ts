import type { HypervisorAdapter, MigrationResult, MigrationSpec } from "../types";
import type { GuestPlan } from "../guest/boot-sector";
import { listen, type VmPair } from "./pair";
import { postcopySwitchRound } from "@/lib/model/migration-settings";
import { emulatedRateBytesPerSec } from "../common/emulated-rate";
import { qemuMigrationSetup, type QemuSettings } from "./settings";
import { freshStates, watchMigrations } from "./watch";
import { collectResult } from "./collect";

/**
 * Migrates every VM pair of a run at once: sets each pair's capabilities and parameters for the
 * settings variant, starts the migrations, watches them (./watch.ts) and collects the result
 * (./collect.ts).
 */
export async function migrateAll(
  spec: MigrationSpec,
  settings: QemuSettings,
  plan: GuestPlan,
  pairs: VmPair[],
  onSample: Parameters<HypervisorAdapter["migrate"]>[1]["onSample"],
  signal: AbortSignal,
): Promise<MigrationResult> {
  const rate = emulatedRateBytesPerSec(spec);
  // With tc shaping the qdisc sets the pace; QEMU's own cap is lifted far above it.
  const perVmRate = settings.shaping === "tc" ? Math.floor(rate * 10) : Math.floor(rate / pairs.length);
  const variant = spec.settings;
  const applied = qemuMigrationSetup(variant, settings, {
    maxBandwidth: perVmRate,
    linkSharePerVm: rate / pairs.length,
  });
  for (const pair of pairs) {
    if (applied.capabilities.length) {
      await pair.sourceQmp!.execute("migrate-set-capabilities", { capabilities: applied.capabilities });
      if (applied.destinationCapabilities.length)
        await pair.destinationQmp!.execute("migrate-set-capabilities", {
          capabilities: applied.destinationCapabilities,
        });
    }
    await pair.sourceQmp!.execute("migrate-set-parameters", applied.parameters);
    if (applied.destinationParameters)
      await pair.destinationQmp!.execute("migrate-set-parameters", applied.destinationParameters);
    await listen(pair);
  }
  const switchRound = postcopySwitchRound(variant);
  const postcopySwitchAtMs: (number | null)[] = pairs.map(() => null);
  const states = freshStates(pairs);
  const startedAt = Date.now();
  for (const pair of pairs) await pair.sourceQmp!.execute("migrate", { uri: `tcp:${pair.address}:${pair.port}` });

  const stopReason = await watchMigrations({
    pairs,
    states,
    switchRound,
    postcopySwitchAtMs,
    startedAt,
    runTimeoutSec: settings.runTimeoutSec,
    onSample,
    signal,
  });
  return collectResult({
    ...{ spec, settings, plan, pairs, states, rate, perVmRate, variant, applied },
    ...{ postcopySwitchAtMs, startedAt, stopReason, signal },
  });
}
