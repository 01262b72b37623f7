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
  const shown: Array<[string, { force?: boolean } | undefined]> = [];
  const source: DebugSource = {
    facts: () => facts as never,
    explain: () => [
      { id: "welcome", type: "popup", wouldShow: false, blockedBy: ["when: visitor.pagesThisSession: expected $gte 2, found 1"] },
      { id: "bar", type: "banner", wouldShow: true, blockedBy: [] },
    ],
    on: (_event: string, handler: () => void) => {
      handlers.push(handler);
      return () => handlers.splice(handlers.indexOf(handler), 1);
    },
    show: async (id, options) => {
      shown.push([id, options]);
      return true;
    },
    forget: async () => {},
  } as DebugSource;
  return { source, emit: () => handlers.forEach((h) => h(undefined as never)), handlers, shown };
}
/** A fact's value as the tree shows it. */
const leaf = (path: string) => panelRoot()?.querySelector(`.leaf[data-path="${path}"] .value`)?.textContent ?? "";

describe("debug panel", () => {
  it("shows the facts as a tree with the catalog's words and each widget's state, updates on events, collapses, and closes", async () => {
    const { env } = fakeEnv();
    const facts: Record<string, unknown> = { visitor: { pagesThisSession: 1 }, attributes: { name: "<img src=x onerror=alert(1)>" } };
    const { source, emit, handlers, shown } = fakeSource(facts);
    const close = openDebugPanel(env, source);
    const root = panelRoot()!;
    expect(root).not.toBeNull();
    expect(leaf("visitor.pagesThisSession")).toBe("1");
    expect(root.querySelector('.leaf[data-path="visitor.pagesThisSession"] .about')?.textContent).toMatch(/page/i);
    expect(leaf("attributes.name")).toBe('"<img src=x onerror=alert(1)>"');
    expect(root.querySelector("img")).toBeNull(); // data is text, never markup
    const items = [...root.querySelectorAll("ul.widgets > li")].map((li) => li.textContent);
    expect(items[0]).toContain("blocked welcome (popup)");
    expect(items[0]).toContain("expected $gte 2, found 1");
    expect(items[1]).toContain("would show now bar (banner)");
    // Force show asks the instance with { force: true }.
    (root.querySelector('li[data-widget="welcome"] button.force') as HTMLButtonElement).click();
    expect(shown).toEqual([["welcome", { force: true }]]);

    facts.visitor = { pagesThisSession: 2 };
    emit();
    await settle();
    expect(leaf("visitor.pagesThisSession")).toBe("2");

    // The search keeps the matching rows.
    const search = root.querySelector(".search input") as HTMLInputElement;
    search.value = "name";
    search.dispatchEvent(new Event("input"));
    await settle();
    expect(leaf("attributes.name")).not.toBe("");
    expect(root.querySelector('.leaf[data-path="visitor.pagesThisSession"]')).toBeNull();

    const toggle = root.querySelector("button.toggle") as HTMLButtonElement;
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
    await expect.poll(() => leaf("visitor.pagesThisSession")).toBe("1");
    expect(panelRoot()!.textContent).toContain("welcome (popup)");
    history.pushState({}, "", "/next");
    await settle();
    await expect.poll(() => leaf("visitor.pagesThisSession")).toBe("2");
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
