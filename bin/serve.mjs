#!/usr/bin/env node
// The production server (`npm run app`, `npm run serve`): Next.js's request handler behind a plain
// node:http server, so that each request carries the address of the socket it came from. Next itself
// only fills X-Forwarded-For when a client has not sent one, so a client could name any address it
// liked; here every request gets `x-migbench-peer: <key> <address>`, where the key is random per process
// and any value the client sent is replaced. The app (lib/http/client-address.ts) reads the peer, and
// believes forwarding headers only when the peer is one of MIGBENCH_TRUSTED_PROXIES.
//
//   node bin/serve.mjs [-p PORT] [-H HOSTNAME]      (defaults: PORT or 3000, all interfaces)
import http from "node:http";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (short, long) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname");

// The app reads PORT for the addresses it writes without MIGBENCH_URL (webhook links, link previews, the
// start-up warning): the port given with -p is the one it listens on.
process.env.PORT = String(port);

const key = randomUUID();
globalThis.__migbenchPeerKey = key;

const app = next({ dev: false, dir: root, port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  req.headers["x-migbench-peer"] = `${key} ${req.socket.remoteAddress ?? ""}`;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => {
  console.log(`migbench listening on http://${hostname ?? "localhost"}:${port}`);
});
// On SIGTERM/SIGINT: stop taking requests and let the app's runner store its runs in progress as
// interrupted (its own handler, lib/runner/start.ts, exits when done); leave after 6 s whatever happens.
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => {
    server.close();
    setTimeout(() => process.exit(0), 6_000);
  });
