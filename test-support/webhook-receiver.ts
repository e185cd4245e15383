import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedMessage = { headers: http.IncomingHttpHeaders; body: string };

/**
 * A webhook receiver on 127.0.0.1 for tests: it records what it is sent, in order, and answers each
 * message with the next status of `answers` (then 204).
 */
export async function startWebhookReceiver(answers: number[] = []) {
  const received: ReceivedMessage[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/migbench`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}
