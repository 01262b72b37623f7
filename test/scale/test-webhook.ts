// A webhook receiver for the lead tests: records every request (body, headers), and answers 503
// while `down` is true, as a shop's CRM endpoint would during an outage.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  status: number;
}

export async function startWebhook(options: { down?: boolean } = {}) {
  const received: Received[] = [];
  const state = { down: options.down ?? false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const status = state.down ? 503 : 200;
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Lead ids answered 2xx, in order (a lead delivered twice shows twice). */
    delivered: () => received.filter((r) => r.status < 300).map((r) => String(r.headers["x-nudge-lead-id"])),
    setDown(down: boolean) {
      state.down = down;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
