import http from "node:http";
import https from "node:https";
import {
  envelope,
  moRef,
  parseResponse,
  readMoRef,
  readObjectContents,
  retrieveObjectBody,
  retrieveViewBody,
  text,
  xml,
  type MoRef,
  type SoapFault,
} from "./soap";

/** A vim25 fault returned by vCenter (HTTP 500 with soapenv:Fault). */
export class VsphereFault extends Error {
  constructor(
    readonly method: string,
    readonly fault: SoapFault,
  ) {
    super(fault.message);
  }
}

/** The server could not be reached or dropped the connection. */
export class VsphereConnectionError extends Error {}

/** ca: the PEM text of the CA that signed vCenter's certificate (resolved from its reference by the adapter). */
export type TlsSettings = { ca?: string; insecure?: boolean };

type ServiceContent = {
  propertyCollector: MoRef;
  viewManager: MoRef;
  sessionManager: MoRef;
  rootFolder: MoRef;
  eventManager: MoRef;
  about: string;
};

export type TaskInfo = { state: string; startTime: string | null; completeTime: string | null; error: string | null };

/**
 * A minimal vSphere SOAP client: RetrieveServiceContent, Login (session cookie), container views,
 * RetrievePropertiesEx, RelocateVM_Task, task polling, QueryEvents, Logout. TLS verifies against
 * the given CA file, or is off only when `insecure` says so.
 */
export class VsphereClient {
  private cookie: string | null = null;
  private content: ServiceContent | null = null;
  private readonly endpoint: URL;
  private readonly agent: http.Agent | https.Agent;

  constructor(url: string, tls: TlsSettings = {}) {
    this.endpoint = new URL(url.endsWith("/sdk") ? url : `${url.replace(/\/$/, "")}/sdk`);
    this.agent =
      this.endpoint.protocol === "https:"
        ? new https.Agent({ ca: tls.ca, rejectUnauthorized: !tls.insecure, keepAlive: true })
        : new http.Agent({ keepAlive: true });
  }

  get url() {
    return this.endpoint.origin;
  }

  private post(body: string, timeoutMs: number): Promise<{ status: number; text: string; setCookie: string[] }> {
    const transport = this.endpoint.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        this.endpoint,
        {
          method: "POST",
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            "content-type": "text/xml; charset=utf-8",
            soapaction: "urn:vim25/6.5",
            ...(this.cookie ? { cookie: this.cookie } : {}),
          },
        },
        (res) => {
          let data = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (data += c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: data, setCookie: res.headers["set-cookie"] ?? [] }),
          );
          res.on("error", (e) =>
            reject(new VsphereConnectionError(`the connection to ${this.url} broke: ${e.message}`)),
          );
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      req.on("error", (e: NodeJS.ErrnoException) => {
        const why =
          e.code === "ECONNREFUSED"
            ? "connection refused"
            : e.code === "ECONNRESET" || e.message === "socket hang up"
              ? "the server dropped the connection"
              : e.message;
        reject(new VsphereConnectionError(`cannot reach ${this.url}: ${why}`));
      });
      req.end(body);
    });
  }

  /** Calls a vim25 method; resolves with its returnval, rejects with VsphereFault or VsphereConnectionError. */
  async call(method: string, body: string, { timeoutMs = 30_000 } = {}): Promise<unknown> {
    const res = await this.post(envelope(method, body), timeoutMs);
    const cookie = res.setCookie.map((c) => c.split(";")[0]).find((c) => c.startsWith("vmware_soap_session="));
    if (cookie) this.cookie = cookie;
    let parsed;
    try {
      parsed = parseResponse(res.text, method);
    } catch {
      throw new VsphereConnectionError(`${this.url} answered ${method} with HTTP ${res.status} and no SOAP body`);
    }
    if (!parsed.ok) throw new VsphereFault(method, parsed.fault);
    return parsed.result;
  }

  async serviceContent(): Promise<ServiceContent> {
    if (this.content) return this.content;
    const r = (await this.call(
      "RetrieveServiceContent",
      moRef("_this", { type: "ServiceInstance", value: "ServiceInstance" }),
    )) as Record<string, unknown>;
    const ref = (k: string) => {
      const m = readMoRef(r[k]);
      if (!m) throw new VsphereConnectionError(`${this.url} did not report its ${k}: is this a vCenter?`);
      return m;
    };
    const about = r.about as Record<string, unknown> | undefined;
    this.content = {
      propertyCollector: ref("propertyCollector"),
      viewManager: ref("viewManager"),
      sessionManager: ref("sessionManager"),
      rootFolder: ref("rootFolder"),
      eventManager: ref("eventManager"),
      about: text(about?.fullName) ?? "vCenter",
    };
    return this.content;
  }

  async login(userName: string, password: string): Promise<void> {
    const sc = await this.serviceContent();
    await this.call(
      "Login",
      `${moRef("_this", sc.sessionManager)}<userName>${xml(userName)}</userName><password>${xml(password)}</password>`,
    );
  }

  /** Ends the session; never throws (called on every path). */
  async logout(): Promise<void> {
    if (!this.cookie || !this.content) return;
    await this.call("Logout", moRef("_this", this.content.sessionManager), { timeoutMs: 5_000 }).catch(() => {});
    this.cookie = null;
    this.agent.destroy();
  }

  /** Every managed object of a type under the root folder, with the given properties. */
  async list(type: "VirtualMachine" | "HostSystem", paths: string[]) {
    const sc = await this.serviceContent();
    const view = readMoRef(
      await this.call(
        "CreateContainerView",
        `${moRef("_this", sc.viewManager)}${moRef("container", sc.rootFolder)}<type>${type}</type><recursive>true</recursive>`,
      ),
    );
    if (!view) throw new VsphereConnectionError("CreateContainerView returned no view");
    try {
      return readObjectContents(
        await this.call("RetrievePropertiesEx", retrieveViewBody(sc.propertyCollector, view, type, paths)),
      );
    } finally {
      await this.call("DestroyView", moRef("_this", view)).catch(() => {});
    }
  }

  /** Properties of one object. */
  async properties(obj: MoRef, paths: string[]): Promise<Record<string, unknown>> {
    const sc = await this.serviceContent();
    const [first] = readObjectContents(
      await this.call("RetrievePropertiesEx", retrieveObjectBody(sc.propertyCollector, obj, paths)),
    );
    return first?.props ?? {};
  }

  async relocate(vm: MoRef, host: MoRef): Promise<MoRef> {
    const task = readMoRef(
      await this.call("RelocateVM_Task", `${moRef("_this", vm)}<spec>${moRef("host", host)}</spec>`),
    );
    if (!task) throw new VsphereConnectionError("RelocateVM_Task returned no task");
    return task;
  }

  /** Cancels tasks and waits (at most `waitMs`) until vCenter has ended them; whether it did. */
  async cancelTasks(tasks: MoRef[], waitMs = 60_000): Promise<boolean> {
    for (const task of tasks) await this.call("CancelTask", `<_this type="Task">${task.value}</_this>`).catch(() => {});
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const states = await Promise.all(
        tasks.map((t) =>
          this.taskInfo(t).then(
            (i) => i.state,
            () => "error",
          ),
        ),
      );
      if (states.every((state) => state === "success" || state === "error")) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }

  async taskInfo(task: MoRef): Promise<TaskInfo> {
    const props = await this.properties(task, ["info"]);
    const info = (props.info ?? {}) as Record<string, unknown>;
    const error = info.error as Record<string, unknown> | undefined;
    return {
      state: text(info.state) ?? "unknown",
      startTime: text(info.startTime),
      completeTime: text(info.completeTime),
      error: error
        ? (text(error.localizedMessage) ??
          ((error.fault as Record<string, unknown> | undefined)?.["@_xsiType"] as string | undefined) ??
          "task failed")
        : null,
    };
  }

  /** VmMigratedEvent and similar events recorded for a VM (vcsim 0.24 records none). */
  async migrationEvents(vm: MoRef): Promise<{ type: string; createdTime: string | null; message: string | null }[]> {
    const sc = await this.serviceContent();
    const result = await this.call(
      "QueryEvents",
      `${moRef("_this", sc.eventManager)}<filter><entity>${moRef("entity", vm)}<recursion>self</recursion></entity><eventTypeId>VmMigratedEvent</eventTypeId><eventTypeId>DrsVmMigratedEvent</eventTypeId></filter>`,
    );
    const events = Array.isArray(result) ? result : result ? [result] : [];
    return events.map((e) => {
      const ev = e as Record<string, unknown>;
      return {
        type: (ev["@_xsiType"] as string) ?? "Event",
        createdTime: text(ev.createdTime),
        message: text(ev.fullFormattedMessage),
      };
    });
  }
}
