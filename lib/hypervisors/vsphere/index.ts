import { noneCapable } from "../common/capabilities";
import type {
  AdapterTestbed,
  CheckResult,
  HypervisorAdapter,
  MigrationResult,
  MigrationSpec,
  PerVmResult,
} from "../types";
import { VsphereClient, VsphereConnectionError, VsphereFault } from "./client";
import type { MoRef } from "./soap";
import { text } from "./soap";
import { parseConnection, SECRET_REFERENCE_HINT } from "@/lib/schemas/connection";
import { adapterSettings } from "../common/settings";
import { resolvePasswordFor, resolveSecret } from "@/lib/secrets/resolve";
import { sleep } from "../common/sleep";
import { applyVmknics, checkVmknics, planVmknics, restoreVmknics, withVmknics, type HostSelection } from "./vmknics";

/**
 * What a vSphere run needs, from the testbed's connection settings (lib/schemas/connection.ts). The
 * password is never stored: `passwordRef` names where to read it, and so does `caRef` for the CA
 * certificate. TLS is always on; only an explicit `insecure: true` (set by an admin) skips
 * certificate verification, and every check and result says so.
 */
export type VsphereSettings = {
  url: string;
  username: string;
  passwordRef: string;
  caRef?: string;
  insecure: boolean;
  /** VM names to migrate; a profile with N VMs moves the first N. */
  vms: string[];
  taskTimeoutSec: number;
};

function settingsOf(testbed: AdapterTestbed): { settings: VsphereSettings } | { problems: string[] } {
  const parsed = adapterSettings("vsphere", testbed, {
    url: 'Set "url" to the vCenter address, e.g. "https://vc.example.com" (connection settings)',
    username: 'Set "username" (connection settings)',
    passwordRef: `Set "passwordRef" to ${SECRET_REFERENCE_HINT} — where migbench reads the password`,
    vms: 'Set "vms" to the names of the VMs to migrate, e.g. ["app-01"] (connection settings)',
  });
  if ("problems" in parsed) return parsed;
  const c = parsed.settings;
  return {
    settings: {
      url: c.url!,
      username: c.username!,
      passwordRef: c.passwordRef!,
      caRef: c.caRef,
      insecure: c.insecure === true,
      vms: c.vms!,
      taskTimeoutSec: c.taskTimeoutSec ?? 600,
    },
  };
}

/** Resolves the password and CA references: only ever called by check() and migrate(). */
function secretsOf(settings: VsphereSettings): { password: string; ca?: string } | { problem: string } {
  // The password goes to the vCenter: only to a host its owner listed for it.
  const password = resolvePasswordFor(settings.passwordRef, new URL(settings.url).hostname);
  if (!password.ok) return { problem: password.problem };
  if (!settings.caRef) return { password: password.value };
  const ca = resolveSecret(settings.caRef);
  return ca.ok ? { password: password.value, ca: ca.value } : { problem: `CA certificate: ${ca.problem}` };
}

/** A fault or connection error in words a user can act on. */
function explain(error: unknown, settings: VsphereSettings, during: string): string {
  if (error instanceof VsphereFault) {
    if (error.method === "Login") return `vCenter refused the login for user "${settings.username}": ${error.message}`;
    return `vCenter refused ${error.method} ${during}: ${error.message}${error.fault.faultType ? ` (${error.fault.faultType})` : ""}`;
  }
  if (error instanceof VsphereConnectionError) return `${error.message} (${during})`;
  return `${during}: ${(error as Error).message}`;
}

type Inventory = {
  hosts: { ref: MoRef; name: string }[];
  vms: { ref: MoRef; name: string; host: string | null; powerState: string | null }[];
};

async function inventory(client: VsphereClient): Promise<Inventory> {
  const hosts = (await client.list("HostSystem", ["name"])).map((h) => ({
    ref: h.obj,
    name: text(h.props.name) ?? h.obj.value,
  }));
  const vms = (await client.list("VirtualMachine", ["name", "runtime.host", "runtime.powerState"])).map((v) => ({
    ref: v.obj,
    name: text(v.props.name) ?? v.obj.value,
    host: text(v.props["runtime.host"]),
    powerState: text(v.props["runtime.powerState"]),
  }));
  return { hosts, vms };
}

function resolve(inv: Inventory, testbed: AdapterTestbed, settings: VsphereSettings, vmCount: number) {
  const problems: string[] = [];
  const hostNames = inv.hosts.map((h) => h.name);
  const source = inv.hosts.find((h) => h.name === testbed.sourceHost);
  const destination = inv.hosts.find((h) => h.name === testbed.destinationHost);
  if (!source)
    problems.push(
      `host ${testbed.sourceHost} not found (vCenter has: ${hostNames.slice(0, 8).join(", ")}${hostNames.length > 8 ? ", …" : ""})`,
    );
  if (!destination)
    problems.push(
      `host ${testbed.destinationHost} not found (vCenter has: ${hostNames.slice(0, 8).join(", ")}${hostNames.length > 8 ? ", …" : ""})`,
    );
  const wanted = settings.vms.slice(0, Math.max(1, vmCount));
  if (vmCount > settings.vms.length)
    problems.push(`the profile migrates ${vmCount} VMs but the testbed names only ${settings.vms.length} in "vms"`);
  const vms = wanted.map((name) => inv.vms.find((v) => v.name === name));
  wanted.forEach((name, i) => {
    if (!vms[i]) problems.push(`VM "${name}" not found in vCenter`);
  });
  return { problems, source, destination, vms: vms.filter((v): v is Inventory["vms"][number] => !!v) };
}

function tlsNote(settings: VsphereSettings) {
  return settings.insecure
    ? "TLS certificate verification OFF (insecure: true)"
    : settings.caRef
      ? `TLS verified against the CA certificate ${settings.caRef}`
      : "TLS verified against the system CAs";
}

/**
 * VMware vMotion through the vSphere SOAP API: log in, find the hosts and VMs, select the link's VMkernel
 * adapters for vMotion where it names them (vmknics.ts), RelocateVM_Task each VM to the other host of the
 * testbed (so iterations go back and forth), poll the task, read runtime.host back, query VmMigratedEvent;
 * on every path put each host's own vMotion adapters back and log out.
 */
export const vsphereAdapter: HypervisorAdapter = {
  kind: "vsphere",
  label: "VMware vSphere (vMotion via the vim25 SOAP API)",

  capabilities() {
    return noneCapable("vMotion chooses its own strategy and parameters; vSphere exposes none of them");
  },

  settingsProblems(testbed) {
    const parsed = settingsOf(testbed);
    return "problems" in parsed ? parsed.problems : [];
  },

  secretDestinations(testbed) {
    const parsed = parseConnection("vsphere", testbed.connection);
    if (!parsed.ok || !parsed.settings.passwordRef || !parsed.settings.url) return [];
    return [
      { key: "passwordRef", reference: parsed.settings.passwordRef, host: new URL(parsed.settings.url).hostname },
    ];
  },

  async check(testbed, links = []): Promise<CheckResult> {
    const parsed = settingsOf(testbed);
    if ("problems" in parsed) return { ok: false, problems: parsed.problems, details: [] };
    const { settings } = parsed;
    const secrets = secretsOf(settings);
    if ("problem" in secrets) return { ok: false, problems: [secrets.problem], details: [tlsNote(settings)] };
    const { password } = secrets;
    const client = new VsphereClient(settings.url, { ca: secrets.ca, insecure: settings.insecure });
    try {
      const about = (await client.serviceContent()).about;
      await client.login(settings.username, password);
      const inv = await inventory(client);
      const r = resolve(inv, testbed, settings, 1);
      const vmknics = await checkVmknics(client, { source: r.source, destination: r.destination }, links);
      const details = [
        about,
        tlsNote(settings),
        `${inv.hosts.length} hosts, ${inv.vms.length} VMs`,
        ...r.vms.map(
          (v) =>
            `VM "${v.name}" is ${v.powerState ?? "?"} on ${inv.hosts.find((h) => h.ref.value === v.host)?.name ?? v.host}`,
        ),
        ...vmknics.details,
      ];
      const problems = [...r.problems, ...vmknics.problems];
      return { ok: problems.length === 0, problems, details };
    } catch (error) {
      return {
        ok: false,
        problems: [explain(error, settings, "while checking the testbed")],
        details: [tlsNote(settings)],
      };
    } finally {
      await client.logout();
    }
  },

  async migrate(spec, { signal }): Promise<MigrationResult> {
    const parsed = settingsOf(spec.testbed);
    if ("problems" in parsed) return { status: "failed", reason: parsed.problems.join("; ") };
    const { settings } = parsed;
    const secrets = secretsOf(settings);
    if ("problem" in secrets) return { status: "failed", reason: secrets.problem };
    const client = new VsphereClient(settings.url, { ca: secrets.ca, insecure: settings.insecure });
    // Set once the link's vmknics are about to be selected: from then on each host's own selection is put back.
    const vmknics: { plan: HostSelection[] | null } = { plan: null };
    try {
      const result = await migrateWith(client, spec, settings, secrets.password, signal, vmknics);
      if (!vmknics.plan) return result;
      return withVmknics(result, vmknics.plan, await restoreVmknics(client, vmknics.plan));
    } finally {
      await client.logout();
    }
  },
};

/** The run itself, after the settings and secrets: failures come back as results, never thrown. */
async function migrateWith(
  client: VsphereClient,
  spec: MigrationSpec,
  settings: VsphereSettings,
  password: string,
  signal: AbortSignal,
  vmknics: { plan: HostSelection[] | null },
): Promise<MigrationResult> {
  let during = "while logging in";
  try {
    await client.login(settings.username, password);
    during = "while reading the inventory";
    const inv = await inventory(client);
    const { problems, source, destination, vms } = resolve(inv, spec.testbed, settings, spec.profile.vmCount);
    // A host reference vCenter does not know can crash vcsim; unknown names stop here instead.
    if (problems.length) return { status: "failed", reason: problems.join("; ") };
    if (signal.aborted)
      return { status: "cancelled", reason: "Cancelled before vCenter was asked to relocate anything" };
    const path = spec.link.path ?? {};
    if (path.sourceVmknic || path.destinationVmknic) {
      // The selection is host-wide: another run at the same time would switch and restore it under this one.
      if ((spec.testbed.maxConcurrentRuns ?? 1) > 1)
        return {
          status: "failed",
          reason: `Link “${spec.link.name}” selects VMkernel adapters for vMotion, which a host uses for every migration at once: set the testbed's concurrent runs to 1 (now ${spec.testbed.maxConcurrentRuns})`,
        };
      during = "while reading the hosts' vMotion VMkernel adapters";
      const planned = await planVmknics(client, path, { source: source!, destination: destination! });
      // Nothing is changed on either host unless both have the link's vmknics.
      if ("problems" in planned)
        return { status: "failed", reason: `Link “${spec.link.name}”: ${planned.problems.join("; ")}` };
      vmknics.plan = planned.plan;
      during = "while selecting the link's VMkernel adapters for vMotion";
      await applyVmknics(client, planned.plan);
      if (signal.aborted)
        return { status: "cancelled", reason: "Cancelled before vCenter was asked to relocate anything" };
    }
    during = "while relocating";
    const wallStart = Date.now();
    const moves = await Promise.all(
      vms.map(async (vm) => {
        const target = vm.host === destination!.ref.value ? source! : destination!;
        const task = await client.relocate(vm.ref, target.ref);
        return { vm, target, task, from: inv.hosts.find((h) => h.ref.value === vm.host)?.name ?? vm.host };
      }),
    );
    const deadline = Date.now() + settings.taskTimeoutSec * 1000;
    const infos = new Map<string, Awaited<ReturnType<VsphereClient["taskInfo"]>>>();
    for (;;) {
      for (const m of moves)
        if (!infos.has(m.task.value) || !["success", "error"].includes(infos.get(m.task.value)!.state))
          infos.set(m.task.value, await client.taskInfo(m.task));
      if (moves.every((m) => ["success", "error"].includes(infos.get(m.task.value)!.state))) break;
      if (signal.aborted || Date.now() > deadline) {
        const state = infos.get(moves[0].task.value)?.state;
        // Cancelled and ended before anything else happens: a host's vMotion selection is restored after this.
        const settled = await client.cancelTasks(moves.map((m) => m.task));
        const note = settled ? "" : " (vCenter had not ended the task 60 s after it was cancelled)";
        return signal.aborted
          ? { status: "cancelled", reason: `Cancelled while vCenter was relocating the VM${note}` }
          : {
              status: "failed",
              reason: `vMotion did not finish within ${settings.taskTimeoutSec} s (task still ${state}; cancelled)${note}`,
            };
      }
      await sleep(200);
    }
    const failed = moves.find((m) => infos.get(m.task.value)!.state === "error");
    if (failed)
      return {
        status: "failed",
        reason: `vMotion of "${failed.vm.name}" to ${failed.target.name} failed: ${infos.get(failed.task.value)!.error}`,
      };

    during = "while verifying the new host";
    if (signal.aborted)
      return {
        status: "cancelled",
        reason: "Cancelled while verifying the new host (vCenter had completed the relocation)",
      };
    const perVm: PerVmResult[] = [];
    const raw: Record<string, unknown>[] = [];
    for (const m of moves) {
      const after = text((await client.properties(m.vm.ref, ["runtime.host"]))["runtime.host"]);
      if (after !== m.target.ref.value) {
        return {
          status: "failed",
          reason: `vCenter reports "${m.vm.name}" on ${inv.hosts.find((h) => h.ref.value === after)?.name ?? after} after the task, not ${m.target.name}`,
        };
      }
      const info = infos.get(m.task.value)!;
      const durationMs =
        info.startTime && info.completeTime
          ? Math.max(0, Date.parse(info.completeTime) - Date.parse(info.startTime))
          : Date.now() - wallStart;
      const events = await client.migrationEvents(m.vm.ref).catch(() => []);
      perVm.push({ vm: perVm.length + 1, durationMs, downtimeMs: null, transferredBytes: null });
      raw.push({
        vm: m.vm.name,
        vmRef: m.vm.ref.value,
        from: m.from,
        to: m.target.name,
        task: m.task.value,
        taskInfo: info,
        events,
      });
    }
    return {
      status: "succeeded",
      durationMs: Math.max(...perVm.map((v) => v.durationMs)),
      // vCenter does not report these for vMotion: unknown, not zero.
      downtimeMs: null,
      transferredBytes: null,
      throughputGbps: null,
      precopyRounds: null,
      dirtyRateBytesPerSec: null,
      perVm: perVm.length > 1 ? perVm : undefined,
      rawStats: {
        vcenter: (await client.serviceContent()).about,
        tls: tlsNote(settings),
        wallMs: Date.now() - wallStart,
        moves: raw,
      },
    };
  } catch (error) {
    if (signal.aborted) return { status: "cancelled", reason: `Cancelled ${during}` };
    return { status: "failed", reason: explain(error, settings, during) };
  }
}
