// A tiny local collector for the beacon destination: the demo shop sends its measured events to
// POST /collect; GET /collect returns the events received, each id once (delivery is at least once:
// a `sendBeacon` copy at page exit and the next page's resend carry the same ids), which the report
// page (examples/report/) can load. Memory only, loopback only (served by scripts/serve.mjs).

const MAX_BODY = 1_000_000;

export function createCollector() {
  /** Every batch received, in order, duplicates included: `{ receivedAt, events, dropped }`. */
  const batches = [];
  /** Event id → the event, as first received. */
  const unique = new Map();
  return {
    batches,
    /** The events received, each id once, in order of first arrival. */
    events: () => [...unique.values()],
    /** Every event received, in order of arrival, duplicates included (what went over the wire). */
    arrivals: () => batches.flatMap((batch) => batch.events),
    /** The node:http handler for /collect. */
    handle(req, res) {
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify({ events: [...unique.values()] }));
        return;
      }
      if (req.method === "DELETE") {
        batches.length = 0;
        unique.clear();
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
          for (const event of body.events) if (typeof event?.id === "string" && !unique.has(event.id)) unique.set(event.id, event);
          res.writeHead(204).end();
        } catch (error) {
          res.writeHead(400, { "content-type": "text/plain" }).end(String(error.message));
        }
      });
    },
  };
}
