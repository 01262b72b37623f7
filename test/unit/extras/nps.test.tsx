import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import nps from "../../../widgets/nps/index.js";
import type { NpsContent } from "../../../widgets/nps/schema.js";
import { scaleKey } from "../../../widgets/nps/scale-keys.js";
import { npsAnswers, npsGroup } from "../../../widgets/nps/score.js";
import type { Facts } from "../../../src/profile/facts.js";
import { nextFrame } from "../next-frame.js";

describe("npsGroup", () => {
  it("uses the standard cut-offs", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(npsGroup)).toEqual(Array(7).fill("detractor"));
    expect([7, 8].map(npsGroup)).toEqual(["passive", "passive"]);
    expect([9, 10].map(npsGroup)).toEqual(["promoter", "promoter"]);
  });

  it("turns a score and a comment into attributes, leaving out an empty comment", () => {
    expect(npsAnswers("nps", 9, "  Great beans  ")).toEqual({ nps_score: 9, nps_group: "promoter", nps_comment: "Great beans" });
    expect(npsAnswers("survey", 3, "   ")).toEqual({ survey_score: 3, survey_group: "detractor" });
    expect((npsAnswers("nps", 5, "x".repeat(5000)).nps_comment as string).length).toBe(1000);
  });
});

describe("scaleKey", () => {
  it.each([
    ["ArrowRight", 3, 4],
    ["ArrowDown", 3, 4],
    ["ArrowLeft", 3, 2],
    ["ArrowUp", 3, 2],
    ["Home", 7, 0],
    ["End", 2, 10],
    ["ArrowRight", 10, 10], // a scale: no wrapping round at the ends
    ["ArrowDown", 10, 10],
    ["ArrowLeft", 0, 0],
    ["ArrowUp", 0, 0],
  ])("%s from %i goes to %i", (key, at, to) => {
    expect(scaleKey(key, at, 11)).toBe(to);
  });

  it.each(["Enter", " ", "Tab", "a", "PageDown", "constructor", "toString"])("leaves %j to the browser", (key) => {
    expect(scaleKey(key, 5, 11)).toBeUndefined();
  });
});

const roots: Element[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await act(() => render(null, root));
  document.body.replaceChildren();
});

async function mount(content: NpsContent, locale = "en") {
  const host = document.createElement("div");
  document.body.append(host);
  const shadow = host.attachShadow({ mode: "open" });
  const root = document.createElement("div");
  shadow.append(root);
  roots.push(root);
  const props = { close: vi.fn(), click: vi.fn(), convert: vi.fn(), track: vi.fn(), answer: vi.fn(), lead: vi.fn(), saveState: vi.fn() };
  const Nps = nps.component;
  await act(() => render(<Nps id="n" content={content} facts={{} as Facts} locale={locale} currency="USD" state={{}} {...(props as any)} />, root));
  await nextFrame(); // a modal's initial focus moves in the next frame
  const $ = <E extends Element = HTMLElement>(sel: string) => shadow.querySelector<E>(sel);
  const $$ = (sel: string) => Array.from(shadow.querySelectorAll<HTMLElement>(sel));
  return { ...props, shadow, $, $$ };
}

const content: NpsContent = {
  question: "Would you recommend Fernhouse?",
  followUp: { detractor: "What went wrong?", passive: "What would make it a 10?", promoter: "What do you love?" },
};

describe("the nps widget", () => {
  it.each([
    [2, "What went wrong?", "detractor"],
    [7, "What would make it a 10?", "passive"],
    [10, "What do you love?", "promoter"],
  ])("asks the follow-up of the score's group (score %i)", async (score, question, group) => {
    const w = await mount(content);
    const buttons = w.$$(".nudge-nps__score");
    expect(buttons.map((b) => b.textContent)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    await act(() => buttons[score].click());
    expect(w.answer).toHaveBeenCalledWith({ nps_score: score, nps_group: group });
    expect(w.$("label")!.textContent).toBe(question);
    expect(w.shadow.activeElement).toBe(w.$("textarea")); // focus follows the visitor to the next step
    expect(w.convert).not.toHaveBeenCalled();
  });

  it("saves the comment, converts on submit and thanks the visitor", async () => {
    const w = await mount(content);
    await act(() => w.$$(".nudge-nps__score")[9].click());
    const field = w.$<HTMLTextAreaElement>("textarea")!;
    field.value = "The house blend";
    await act(() => field.dispatchEvent(new Event("input", { bubbles: true })));
    await act(() => w.$<HTMLButtonElement>("button[type=submit]")!.click());
    expect(w.answer).toHaveBeenLastCalledWith({ nps_score: 9, nps_group: "promoter", nps_comment: "The house blend" });
    expect(w.convert).toHaveBeenCalledWith({ score: 9, group: "promoter" });
    expect(w.$("h2")!.textContent).toBe("Thank you!");
    expect(w.shadow.activeElement).toBe(w.$("h2"));
  });

  it("skipping the comment still converts, without a comment attribute", async () => {
    const w = await mount({ ...content, attribute: "survey" });
    await act(() => w.$$(".nudge-nps__score")[4].click());
    await act(() => w.$<HTMLButtonElement>(".nudge-nps__skip")!.click());
    expect(w.answer).toHaveBeenCalledTimes(1);
    expect(w.answer).toHaveBeenCalledWith({ survey_score: 4, survey_group: "detractor" });
    expect(w.convert).toHaveBeenCalledWith({ score: 4, group: "detractor" });
  });

  it('with "comment": false ends with the score', async () => {
    const w = await mount({ comment: false });
    await act(() => w.$$(".nudge-nps__score")[8].click());
    expect(w.convert).toHaveBeenCalledWith({ score: 8, group: "passive" });
    expect(w.$("textarea")).toBeNull();
  });

  it("speaks Russian, is a non-modal dialog and closes on Escape", async () => {
    const w = await mount({}, "ru-RU");
    expect(w.$("h2")!.textContent).toBe("Насколько вероятно, что вы порекомендуете нас другу?");
    const dialog = w.$("[role=dialog]")!;
    expect(dialog.getAttribute("aria-modal")).toBeNull();
    expect(w.shadow.activeElement).toBeNull(); // a slide-in never takes focus by itself
    await act(() => w.$$(".nudge-nps__score")[6].click());
    expect(w.$("label")!.textContent).toBe("Жаль это слышать. Что нам стоит улучшить?");
    await act(() => dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
    expect(w.close).toHaveBeenCalledWith("escape");
  });

  describe("the score buttons by keyboard (a toolbar: one Tab stop, arrows move focus)", () => {
    const press = (el: Element, key: string, init: KeyboardEventInit = {}) => {
      const event = new KeyboardEvent("keydown", { key, bubbles: true, composed: true, cancelable: true, ...init });
      el.dispatchEvent(event);
      return event;
    };
    const stops = (w: Awaited<ReturnType<typeof mount>>) =>
      w
        .$$(".nudge-nps__score")
        .filter((b) => b.tabIndex === 0)
        .map((b) => b.textContent);

    it("is a labelled toolbar of buttons with one Tab stop, on 0 at first", async () => {
      const w = await mount(content);
      const scale = w.$(".nudge-nps__scale")!;
      expect(scale.getAttribute("role")).toBe("toolbar");
      expect(w.shadow.getElementById(scale.getAttribute("aria-labelledby")!)!.textContent).toBe("Would you recommend Fernhouse?");
      expect(w.shadow.getElementById(scale.getAttribute("aria-describedby")!)!.textContent).toBe("0 is not likely at all, 10 is very likely");
      expect(w.$$(".nudge-nps__score").every((b) => b.localName === "button" && !b.hasAttribute("role") && !b.hasAttribute("aria-checked"))).toBe(true);
      expect(stops(w)).toEqual(["0"]);
      expect(w.$$(".nudge-nps__score").filter((b) => b.getAttribute("tabindex") === "-1")).toHaveLength(10);
    });

    it("arrows, Home and End move focus and the Tab stop without picking a score", async () => {
      const w = await mount(content);
      const buttons = w.$$(".nudge-nps__score");
      await act(() => buttons[0].focus());
      const steps: Array<[string, string]> = [
        ["ArrowRight", "1"],
        ["ArrowRight", "2"],
        ["ArrowDown", "3"],
        ["ArrowLeft", "2"],
        ["ArrowUp", "1"],
        ["End", "10"],
        ["ArrowRight", "10"],
        ["ArrowDown", "10"],
        ["Home", "0"],
        ["ArrowLeft", "0"],
      ];
      for (const [key, to] of steps) {
        let event!: KeyboardEvent;
        await act(() => void (event = press(w.shadow.activeElement!, key)));
        expect(w.shadow.activeElement!.textContent, key).toBe(to);
        expect(stops(w), key).toEqual([to]);
        expect(event.defaultPrevented, key).toBe(true); // the page does not scroll
      }
      expect(w.answer).not.toHaveBeenCalled();
      expect(w.$("textarea")).toBeNull();
    });

    it("the Tab stop stays where focus last was; picking is the button's own click (Enter, Space)", async () => {
      const w = await mount(content);
      const buttons = w.$$(".nudge-nps__score");
      await act(() => buttons[5].focus());
      await act(() => void press(buttons[5], "ArrowRight"));
      await act(() => buttons[8].focus()); // a screen reader's cursor, or a click, moves it too
      expect(stops(w)).toEqual(["8"]);
      await act(() => (w.shadow.activeElement as HTMLElement).blur());
      expect(stops(w)).toEqual(["8"]);
      await act(() => buttons[8].click());
      expect(w.answer).toHaveBeenCalledWith({ nps_score: 8, nps_group: "passive" });
    });

    it("leaves other keys and modified arrows alone", async () => {
      const w = await mount(content);
      const buttons = w.$$(".nudge-nps__score");
      await act(() => buttons[4].focus());
      for (const [key, init] of [
        ["Tab", {}],
        ["a", {}],
        ["ArrowRight", { altKey: true }],
        ["ArrowRight", { ctrlKey: true }],
        ["End", { metaKey: true }],
      ] as const) {
        let event!: KeyboardEvent;
        await act(() => void (event = press(buttons[4], key, init)));
        expect(event.defaultPrevented, key).toBe(false);
        expect(w.shadow.activeElement).toBe(buttons[4]);
      }
    });

    it("a modal survey puts focus on the scale's Tab stop, and Tab cycles between it and ×", async () => {
      const w = await mount({ ...content, layout: "modal" });
      const buttons = w.$$(".nudge-nps__score");
      expect(w.shadow.activeElement).toBe(buttons[0]);
      await act(() => void press(buttons[0], "End"));
      expect(w.shadow.activeElement).toBe(buttons[10]);
      await act(() => void press(buttons[10], "Tab"));
      expect(w.shadow.activeElement).toBe(w.$(".nudge-nps__close"));
      await act(() => void press(w.$(".nudge-nps__close")!, "Tab"));
      expect(w.shadow.activeElement).toBe(buttons[10]);
    });
  });

  it("is modal only with layout modal", () => {
    const modal = nps.modal as (c: NpsContent) => boolean;
    expect(modal({})).toBe(false);
    expect(modal({ layout: "modal" })).toBe(true);
  });
});
