import { afterEach, describe, expect, it } from "vitest";
import { openDebugPanel, type DebugSource } from "../../../src/debug/panel.js";
import { cleanup, rulesOf, settle, start } from "../runtime/harness.js";
import { fakeEnv } from "../triggers/fake-env.js";

afterEach(() => {
  cleanup();
  document.querySelectorAll("nudge-debug").forEach((el) => el.remove());
  history.replaceState({}, "", "/");
});

const panelRoot = () => document.querySelector("nudge-debug")?.shadowRoot ?? null;

function fakeSource(facts: Record<string, unknown>) {
  const handlers: Array<() => void> = [];
  const source: DebugSource = {
    facts: () => facts as never,
    explain: () => [
      { id: "welcome", type: "popup", wouldShow: false, blockedBy: ["when: visitor.pagesThisSession: expected $gte 2, found 1"] },
      { id: "bar", type: "banner", wouldShow: true, blockedBy: [] },
    ],
    on: (_event, handler) => {
      handlers.push(handler);
      return () => handlers.splice(handlers.indexOf(handler), 1);
    },
  };
  return { source, emit: () => handlers.forEach((h) => h()), handlers };
}

describe("debug panel", () => {
  it("shows the facts as JSON text and explain() per widget, updates on events, collapses, and closes", async () => {
    const { env } = fakeEnv();
    const facts: Record<string, unknown> = { visitor: { pagesThisSession: 1 }, attributes: { name: "<img src=x onerror=alert(1)>" } };
    const { source, emit, handlers } = fakeSource(facts);
    const close = openDebugPanel(env, source);
    const root = panelRoot()!;
    expect(root).not.toBeNull();
    const pre = root.querySelector("pre")!;
    expect(JSON.parse(pre.textContent!)).toEqual(facts);
    expect(root.querySelector("img")).toBeNull(); // data is text, never markup
    const items = [...root.querySelectorAll("ul.widgets > li")].map((li) => li.textContent);
    expect(items[0]).toContain("welcome (popup): blocked");
    expect(items[0]).toContain("expected $gte 2, found 1");
    expect(items[1]).toContain("bar (banner): would show");

    facts.visitor = { pagesThisSession: 2 };
    emit();
    await settle();
    expect(pre.textContent).toContain('"pagesThisSession": 2');

    const toggle = root.querySelector("button")!;
    toggle.click();
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(root.querySelector(".panel")!.classList.contains("collapsed")).toBe(true);
    toggle.click();
    expect(toggle.getAttribute("aria-expanded")).toBe("true");

    close();
    expect(document.querySelector("nudge-debug")).toBeNull();
    expect(handlers).toHaveLength(0);
  });

  it("no inline styles or handlers: the styles are one adopted stylesheet", () => {
    const { env } = fakeEnv();
    openDebugPanel(env, fakeSource({}).source);
    const root = panelRoot()!;
    expect(root.querySelector("style")).toBeNull();
    expect(root.querySelector("[style]")).toBeNull();
    expect(root.innerHTML).not.toMatch(/\son[a-z]+=/);
  });
});

describe("debug view in the runtime", () => {
  it("opens with { debug: true } and follows tracked events", async () => {
    const h = start(rulesOf([{ id: "welcome", type: "popup", when: { "visitor.pagesThisSession": { $gte: 2 } }, content: { title: "Hi" } }]), { debug: true });
    await h.nudge.ready;
    await expect.poll(() => panelRoot()?.querySelector("pre")?.textContent ?? "").toContain('"pagesThisSession": 1');
    expect(panelRoot()!.textContent).toContain("welcome (popup)");
    history.pushState({}, "", "/next");
    await settle();
    expect(panelRoot()!.querySelector("pre")!.textContent).toContain('"pagesThisSession": 2');
    h.nudge.destroy();
    expect(panelRoot()).toBeNull();
  });

  it("opens with ?nudge_debug=1 in the URL, and not without it", async () => {
    const plain = start(rulesOf([]));
    await plain.nudge.ready;
    await settle(10);
    expect(panelRoot()).toBeNull();
    cleanup();

    history.replaceState({}, "", "/?nudge_debug=1");
    const flagged = start(rulesOf([]));
    await flagged.nudge.ready;
    await expect.poll(() => panelRoot()).not.toBeNull();
  });
});
