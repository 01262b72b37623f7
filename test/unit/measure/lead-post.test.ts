// A lead's answers reach a collector only when a beacon destination names its `leads` URL: once,
// with the consent text and time, never inside the measured event, retried with backoff.
import { afterEach, describe, expect, it, vi } from "vitest";
import { BACKOFF_BASE_MS } from "../../../src/measure/beacon.js";
import type { MeasureEvent } from "../../../src/measure/event.js";
import { LEAD_ATTEMPTS } from "../../../src/measure/lead-post.js";
import type { WidgetProps } from "../../../src/render/widget-api.js";
import { cleanup, rulesOf, start } from "../runtime/harness.js";

afterEach(cleanup);

interface Call {
  url: string;
  body: unknown;
}

/** A network that answers each URL with the statuses given, in turn (200 once they run out). */
function network(statuses: Record<string, number[]> = {}) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init: { body: string }) => {
    calls.push({ url, body: JSON.parse(init.body) });
    const status = statuses[url]?.shift() ?? 200;
    return { ok: status < 300, status } as Response;
  });
  return { calls, fetch, to: (url: string) => calls.filter((c) => c.url === url).map((c) => c.body) };
}

function withLeadForm(destination: Record<string, unknown>, net = network()) {
  let widget: WidgetProps | undefined;
  const events: MeasureEvent[] = [];
  const h = start(rulesOf([{ id: "join", type: "popup", content: { title: "Join" } }]), {
    headless: (props) => void (widget = props),
    destinations: [{ type: "beacon", flushInterval: 10, ...destination }, (e: MeasureEvent) => void events.push(e)],
    env: { fetch: net.fetch as unknown as typeof fetch },
  });
  return { ...h, net, events, widget: () => widget! };
}

describe("lead answers to a collector", () => {
  it("POSTs the answers, the consent text and its time to the leads URL once; the beacon's event names the fields only", async () => {
    const h = withLeadForm({ url: "/collect", leads: "/leads" });
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.widget()).toBeDefined());
    h.widget().lead({ email: "ada@example.com", phone: "+44 20 7946 0000" }, "I agree to the newsletter");
    await vi.waitFor(() => expect(h.net.to("/leads")).toHaveLength(1));
    const lead = h.events.find((e) => e.name === "lead")!;
    expect(h.net.to("/leads")[0]).toEqual({
      id: lead.id,
      time: lead.time,
      visitor: lead.visitor,
      session: lead.session,
      widget: "join",
      variant: "default",
      path: "/",
      fields: { email: "ada@example.com", phone: "+44 20 7946 0000" },
      consent: { text: "I agree to the newsletter", time: lead.time },
    });
    await h.clock.advance(100);
    const sent = (h.net.to("/collect") as { events: MeasureEvent[] }[]).flatMap((b) => b.events);
    expect(sent.find((e) => e.name === "lead")).toMatchObject({ id: lead.id, fields: ["email", "phone"] });
    expect(JSON.stringify(h.net.to("/collect"))).not.toContain("ada@example.com");
    // Nothing of the answers is kept in the page's storage.
    expect(JSON.stringify({ ...localStorage })).not.toContain("ada@example.com");
  });

  it("sends no answers anywhere without a leads URL, nor without a consent text", async () => {
    const h = withLeadForm({ url: "/collect" });
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.widget()).toBeDefined());
    h.widget().lead({ email: "ada@example.com" }, "I agree");
    await h.clock.advance(100);
    expect(JSON.stringify(h.net.calls)).not.toContain("ada@example.com");
    cleanup();
    const g = withLeadForm({ url: "/collect", leads: "/leads" });
    await g.nudge.ready;
    await vi.waitFor(() => expect(g.widget()).toBeDefined());
    g.widget().lead({ email: "ada@example.com" });
    await g.clock.advance(100);
    expect(g.net.to("/leads")).toEqual([]);
  });

  it("retries with backoff while the collector is down, and gives up on a 4xx", async () => {
    const h = withLeadForm({ url: "/collect", leads: "/leads" }, network({ "/leads": [503, 503] }));
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.widget()).toBeDefined());
    h.widget().lead({ email: "ada@example.com" }, "I agree");
    await vi.waitFor(() => expect(h.net.to("/leads")).toHaveLength(1));
    await h.clock.advance(BACKOFF_BASE_MS * 1.3);
    expect(h.net.to("/leads")).toHaveLength(2);
    await h.clock.advance(BACKOFF_BASE_MS * 2.5);
    expect(h.net.to("/leads")).toHaveLength(3);
    await h.clock.advance(60_000);
    expect(h.net.to("/leads")).toHaveLength(3); // delivered on the third try
    expect(LEAD_ATTEMPTS).toBeGreaterThan(3);

    cleanup();
    const g = withLeadForm({ url: "/collect", leads: "/leads" }, network({ "/leads": [400] }));
    await g.nudge.ready;
    await vi.waitFor(() => expect(g.widget()).toBeDefined());
    g.widget().lead({ email: "ada@example.com" }, "I agree");
    await vi.waitFor(() => expect(g.problems.map((p) => String(p.error))).toContainEqual(expect.stringContaining("refused lead")));
    await g.clock.advance(60_000);
    expect(g.net.to("/leads")).toHaveLength(1);
  });

  it("names a bad leads URL by its path", async () => {
    const h = withLeadForm({ url: "/collect", leads: "javascript:alert(1)" });
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.console.warn.mock.calls.flat().join(" ")).toContain("destinations[0].leads"));
  });
});
