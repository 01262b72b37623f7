import { describe, expect, it } from "vitest";
import { begin, choose, MAX_LOG, parseEmail, parsePhone, resume, submit, teaserOf, type Chat, type Step } from "../../../widgets/chatbot/engine.js";
import { helpChoosing as content } from "./fixture.js";

const facts = { attributes: { firstName: "Ann" }, cart: { count: 0 }, segments: [] as string[] };

/** Asserts a step happened (not refused) and returns it. */
function step(result: Step | { error: string } | undefined): Step {
  if (!result || "error" in result) throw new Error(`expected a step, got ${JSON.stringify(result)}`);
  return result;
}

function at(node: string, log: Chat["log"] = [], answers: Chat["answers"] = {}): Chat {
  return { node, log, answers, done: false };
}

describe("chatbot engine: walking the tree", () => {
  it("starts with the start node's messages and waits at the first node that needs the visitor", () => {
    const { chat, effects, fresh } = begin(content, facts);
    expect(chat).toEqual({
      node: "hello",
      log: [
        { from: "bot", text: "Hi! I'm Mia." },
        { from: "bot", text: "Can I help you choose?" },
      ],
      answers: {},
      done: false,
    });
    expect(effects).toEqual([]);
    expect(fresh).toBe(2);
  });

  it("a quick reply joins the transcript, is saved under saveAs (its value, else its label) and goes to next", () => {
    const first = step(choose(content, begin(content, facts).chat, 0, facts));
    expect(first.chat.node).toBe("taste");
    expect(first.chat.answers).toEqual({ wantsHelp: true });
    expect(first.effects).toEqual([{ kind: "answer", attributes: { wantsHelp: true } }]);
    expect(first.chat.log.slice(-2)).toEqual([
      { from: "me", text: "Yes please" },
      { from: "bot", text: "How do you like your coffee?" },
    ]);
    expect(first.fresh).toBe(2);
  });

  it("branches on this dialogue's answers and on the facts, first match wins, else `else`", () => {
    const bright = step(choose(content, at("taste"), 0, facts));
    expect(bright.chat.log.map((e) => e.text)).toEqual(["Bright and fruity", "Try our Ethiopia Yirgacheffe.", "What's your name?"]);
    expect(bright.chat.node).toBe("name");

    const withCart = step(choose(content, at("taste"), 0, { ...facts, cart: { count: 2 } }));
    expect(withCart.chat.log[1].text).toBe("Great, and a light roast goes with what's in your cart.");

    const dark = step(choose(content, at("taste"), 1, facts));
    expect(dark.chat.log[1].text).toBe("Try our Sumatra.");
  });

  it("reads $segment from the visitor's segments, and a handoff node asks the host to act with the answers", () => {
    const vip = step(choose(content, at("taste"), 1, { ...facts, segments: ["vip"] }));
    expect(vip.chat.log[1].text).toBe("A roaster will answer you.");
    expect(vip.effects).toEqual([
      { kind: "answer", attributes: { taste: "dark" } },
      { kind: "action", name: "vip_chat", payload: { answers: { taste: "dark" } } },
    ]);
    expect(vip.chat.node).toBe("name");
  });

  it("a reply with an action and no next asks the host to act and ends the dialogue", () => {
    const handoff = step(choose(content, begin(content, facts).chat, 1, facts));
    expect(handoff.effects).toEqual([
      { kind: "answer", attributes: { wantsHelp: "Talk to a person" } },
      { kind: "action", name: "open_chat", payload: { topic: "choosing", answers: { wantsHelp: "Talk to a person" } } },
    ]);
    expect(handoff.chat.done).toBe(true);
  });

  it("ignores a stale reply (no such reply, a finished dialogue, a node that does not wait for replies)", () => {
    expect(choose(content, at("hello"), 9, facts)).toBeUndefined();
    expect(choose(content, { ...at("hello"), done: true }, 0, facts)).toBeUndefined();
    expect(choose(content, at("name"), 0, facts)).toBeUndefined();
    expect(submit(content, at("hello"), "hi", facts)).toBeUndefined();
  });
});

describe("chatbot engine: typed answers", () => {
  it("saves free text under saveAs", () => {
    const named = step(submit(content, at("name"), "  Ann  ", facts));
    expect(named.effects).toEqual([{ kind: "answer", attributes: { firstName: "Ann" } }]);
    expect(named.chat.log[0]).toEqual({ from: "me", text: "Ann" });
    expect(named.chat.node).toBe("email");
  });

  it("refuses an empty answer and an invalid email, then sends a valid one as a lead and ends converted", () => {
    expect(submit(content, at("email"), "   ", facts)).toEqual({ error: "empty" });
    expect(submit(content, at("email"), "ann@", facts)).toEqual({ error: "email" });
    const sent = step(submit(content, at("email", [], { firstName: "Ann" }), "ann@example.com", facts));
    expect(sent.effects).toEqual([{ kind: "lead", fields: { email: "ann@example.com" } }, { kind: "convert" }]);
    expect(sent.chat).toMatchObject({ node: "thanks", done: true, answers: { firstName: "Ann", email: "ann@example.com" } });
    expect(sent.chat.log.map((e) => e.text)).toEqual(["ann@example.com", "Sent! Check your inbox."]);
  });

  it("offers replies beside the field (a way out)", () => {
    const skipped = step(choose(content, at("email"), 0, facts));
    expect(skipped.chat).toMatchObject({ node: "bye", done: true });
    expect(skipped.effects).toEqual([]);
  });

  it("checks phones: 7 to 15 digits, formatting dropped; a phone node without saveAs saves `phone`", () => {
    const phone = { start: "p", nodes: { p: { type: "ask" as const, input: "phone" as const } } };
    expect(submit(phone, at("p"), "12-34", facts)).toEqual({ error: "phone" });
    expect(step(submit(phone, at("p"), "+7 (912) 345-67-89", facts)).effects).toEqual([{ kind: "answer", attributes: { phone: "+79123456789" } }]);
  });

  it.each([
    ["ann@example.com", "ann@example.com"],
    [" a.b+tag@mail.co.uk ", "a.b+tag@mail.co.uk"],
    ["ann@example", undefined],
    ["ann example@x.com", undefined],
    ["@example.com", undefined],
    ["ann@@example.com", undefined],
    ["<script>@x.com", undefined],
  ])("parseEmail(%j) = %j", (input, expected) => expect(parseEmail(input)).toBe(expected));

  it.each([
    ["8 912 345-67-89", "89123456789"],
    ["+1 (555) 123.4567", "+15551234567"],
    ["123456", undefined],
    ["+1234567890123456", undefined],
    ["call me", undefined],
  ])("parsePhone(%j) = %j", (input, expected) => expect(parsePhone(input)).toBe(expected));
});

describe("chatbot engine: resuming", () => {
  it("resumes a stored dialogue at its node with its transcript and answers", () => {
    const { chat } = step(choose(content, begin(content, facts).chat, 0, facts));
    const stored = JSON.parse(JSON.stringify(chat));
    expect(resume(content, stored)).toEqual(chat);
  });

  it("starts afresh from nothing, a finished dialogue, a node the rules no longer have, or garbage", () => {
    expect(resume(content, undefined)).toBeUndefined();
    expect(resume(content, null)).toBeUndefined();
    expect(resume(content, { ...at("thanks"), done: true })).toBeUndefined();
    expect(resume(content, at("gone"))).toBeUndefined();
    expect(resume(content, at("route"))).toBeUndefined(); // not a node that waits
    expect(resume(content, { node: "hello", log: "x", answers: {}, done: false })).toBeUndefined();
    expect(resume(content, at("__proto__"))).toBeUndefined();
  });

  it("drops malformed transcript lines and answers, and keeps at most MAX_LOG lines", () => {
    const log = [...Array.from({ length: MAX_LOG + 5 }, (_, i) => ({ from: "bot", text: `line ${i}` })), { from: "admin", text: "x" }, 7];
    const resumed = resume(content, { node: "hello", log, answers: { ok: 1, bad: { deep: true } }, done: false })!;
    expect(resumed.log).toHaveLength(MAX_LOG);
    expect(resumed.log.at(-1)).toEqual({ from: "bot", text: `line ${MAX_LOG + 4}` });
    expect(resumed.answers).toEqual({ ok: 1 });
  });

  it("bounds the transcript as the dialogue goes on, and says how many lines are new", () => {
    const long = at(
      "taste",
      Array.from({ length: MAX_LOG }, (_, i) => ({ from: "bot" as const, text: `${i}` })),
    );
    const next = step(choose(content, long, 0, facts));
    expect(next.chat.log).toHaveLength(MAX_LOG);
    expect(next.fresh).toBe(3);
    expect(next.chat.log.at(-1)!.text).toBe("What's your name?");
  });
});

describe("chatbot engine: teaser", () => {
  it("is the teaser when given, else the first thing the start node says", () => {
    expect(teaserOf(content)).toBe("Need help choosing?");
    expect(teaserOf({ ...content, teaser: undefined })).toBe("Hi! I'm Mia.");
    expect(teaserOf({ start: "x", nodes: { x: { type: "end" } } })).toBe("");
  });
});
