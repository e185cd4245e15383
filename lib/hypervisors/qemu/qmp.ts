import net from "node:net";

/** An error QEMU returned for a command: { "error": { "class", "desc" } }. */
export class QmpError extends Error {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    desc: string,
  ) {
    super(`${command}: ${desc}`);
  }
}

type Pending = {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

/**
 * A small QMP client over a unix socket: greeting, qmp_capabilities, then commands matched to
 * replies by id. Events are kept (last 100) for whoever wants them. Every command has a timeout, and
 * a closed connection rejects what is pending, so a dead QEMU never hangs the caller.
 */
export class QmpClient {
  readonly events: { event: string; data?: unknown; timestamp?: unknown }[] = [];
  private buffer = "";
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private closedError: Error | null = null;

  private constructor(private readonly socket: net.Socket) {}

  /** Connects, reads the greeting and negotiates capabilities. */
  static async connect(path: string, { timeoutMs = 5_000 } = {}): Promise<QmpClient> {
    const socket = net.createConnection(path);
    const client = new QmpClient(socket);
    const greeting = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`QMP greeting from ${path} timed out`)), timeoutMs);
      client.onGreeting = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.once("error", (e) => {
        clearTimeout(timer);
        reject(new Error(`QMP connection to ${path} failed: ${e.message}`));
      });
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => client.onData(chunk));
    socket.on("close", () => client.failAll(new Error("QMP connection closed (QEMU exited?)")));
    socket.on("error", (e) => client.failAll(new Error(`QMP connection error: ${e.message}`)));
    await greeting;
    await client.execute("qmp_capabilities");
    return client;
  }

  private onGreeting: () => void = () => {};

  private onData(chunk: string) {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.onMessage(line);
    }
  }

  private onMessage(line: string) {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if ("QMP" in message) return this.onGreeting();
    if ("event" in message) {
      this.events.push(message as QmpClient["events"][number]);
      if (this.events.length > 100) this.events.shift();
      return;
    }
    const id = String(message.id ?? "");
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if ("error" in message) {
      const error = message.error as { class?: string; desc?: string };
      pending.reject(new QmpError(pending.command, error.class ?? "GenericError", error.desc ?? "unknown error"));
    } else {
      pending.resolve(message.return);
    }
  }

  private failAll(error: Error) {
    this.closedError ??= error;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }

  /** Runs a QMP command and resolves with its "return" value. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, { timeoutMs = 10_000 } = {}): Promise<T> {
    if (this.closedError) return Promise.reject(this.closedError);
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`QMP ${command} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject, timer });
      this.socket.write(JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}), id }) + "\n");
    });
  }

  /** Closes the connection; pending commands are rejected. */
  close() {
    this.failAll(new Error("QMP connection closed by migbench"));
    this.socket.destroy();
  }
}

/** The parts of QEMU 7.2's query-migrate reply migbench reads (units as QEMU reports them). */
export type QueryMigrate = {
  status?: string;
  "error-desc"?: string;
  "total-time"?: number;
  "expected-downtime"?: number;
  downtime?: number;
  "setup-time"?: number;
  ram?: {
    transferred: number;
    remaining: number;
    total: number;
    duplicate?: number;
    normal?: number;
    "normal-bytes"?: number;
    "dirty-pages-rate"?: number;
    /** Megabits per second. */
    mbps: number;
    "dirty-sync-count": number;
    "page-size"?: number;
    "precopy-bytes"?: number;
    "downtime-bytes"?: number;
    "postcopy-bytes"?: number;
    "multifd-bytes"?: number;
    "postcopy-requests"?: number;
  };
  /** auto-converge: the vCPU throttle now (%). */
  "cpu-throttle-percentage"?: number;
  "xbzrle-cache"?: {
    "cache-size": number;
    bytes: number;
    pages: number;
    "cache-miss": number;
    "cache-miss-rate": number;
    "encoding-rate"?: number;
    overflow: number;
  };
};
