// A tiny local collector for the beacon destination: the demo shop sends its measured events to
// POST /collect; GET /collect returns every event received (duplicates included, as received), which
// the report page (examples/report/) can load. Memory only, loopback only (served by scripts/serve.mjs).

const MAX_BODY = 1_000_000;

export function createCollector() {
  /** Every batch received, in order: `{ receivedAt, events, dropped }`. */
  const batches = [];
  return {
    batches,
    /** Every event received, in order of arrival. */
    events: () => batches.flatMap((batch) => batch.events),
    /** The node:http handler for /collect. */
    handle(req, res) {
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify({ events: batches.flatMap((b) => b.events) }));
        return;
      }
      if (req.method === "DELETE") {
        batches.length = 0;
        res.writeHead(204).end();
        return;
      }
      if (req.method !== "POST") {
        res.writeHead(405, { allow: "GET, POST, DELETE" }).end();
        return;
      }
      let size = 0;
      const chunks = [];
      req.on("data", (chunk) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      req.on("end", () => {
        try {
          if (size > MAX_BODY) throw new Error("too large");
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (!Array.isArray(body.events)) throw new Error("no events");
          batches.push({ receivedAt: Date.now(), events: body.events, dropped: Number(body.dropped) || 0 });
          res.writeHead(204).end();
        } catch (error) {
          res.writeHead(400, { "content-type": "text/plain" }).end(String(error.message));
        }
      });
    },
  };
}
