import * as z from "zod/mini";
import { checkCondition } from "../../src/rules/condition/check.js";
import { safeUrl } from "../shared/schema.js";
import { treeProblems } from "./tree.js";

/*
 * Content of a `chatbot` widget in the rules file: who the bot is, the teaser it opens with,
 * and a dialogue tree of named nodes. Every `next` is checked to name a node, every node to be
 * reachable from `start`, and no loop to run without waiting for the visitor; each problem is
 * reported at its JSON path (`content.nodes.ask-email.next`).
 */

const text = () => z.string().check(z.minLength(1));
const nodeId = () => z.string().check(z.minLength(1));
/** What the bot says: one message or several in a row. */
const say = () => z.union([text(), z.array(text()).check(z.minLength(1))]);
/** A profile attribute name for an answer. */
const attribute = () => z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a name of letters, digits and "_", starting with a letter, e.g. "email"'));
/** Extra data sent with a host action: flat values only. */
const payload = () => z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** A condition over the facts (with this dialogue's answers in `attributes`); operators are checked at their paths. */
function condition() {
  return z.record(z.string(), z.unknown()).check(
    z.superRefine((value, ctx) => {
      for (const problem of checkCondition(value)) ctx.addIssue({ code: "custom", message: problem.message, input: value, path: problem.path ? [problem.path] : [] });
    }),
  );
}

/** A quick reply: goes on to `next`, opens `href`, or asks the host page to act (`action`). */
function reply() {
  return z
    .strictObject({
      label: text(),
      /** Saved (with the node's `saveAs`) instead of the label. */
      value: z.optional(z.union([z.string(), z.number(), z.boolean()])),
      next: z.optional(nodeId()),
      href: z.optional(safeUrl()),
      action: z.optional(text()),
      payload: z.optional(payload()),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (value.href !== undefined && value.action !== undefined) ctx.addIssue({ code: "custom", message: 'give "href" or "action", not both', input: value, path: ["action"] });
      }),
    );
}

function nodeSchema() {
  return z.discriminatedUnion("type", [
    /** The bot says something and goes on to `next` (or the dialogue ends). */
    z.strictObject({ type: z.literal("message"), say: say(), next: z.optional(nodeId()) }),
    /** Quick replies as buttons. */
    z.strictObject({
      type: z.literal("choice"),
      say: z.optional(say()),
      replies: z.array(reply()).check(z.minLength(1), z.maxLength(8)),
      saveAs: z.optional(attribute()),
    }),
    /** Free text, an email or a phone number; `lead` sends an email or phone as a lead. */
    z.strictObject({
      type: z.literal("ask"),
      say: z.optional(say()),
      input: z.enum(["text", "email", "phone"]),
      /** Accessible label of the field (default: "Your email" / "Ваш email"…). */
      label: z.optional(text()),
      placeholder: z.optional(z.string()),
      saveAs: z.optional(attribute()),
      lead: z.optional(z.boolean()),
      /** Said when the answer is not a valid email or phone. */
      error: z.optional(text()),
      /** Small print under the field, e.g. consent to personal-data processing. */
      note: z.optional(text()),
      /** Buttons offered beside the field, e.g. "No thanks". */
      replies: z.optional(z.array(reply()).check(z.maxLength(4))),
      next: z.optional(nodeId()),
    }),
    /** Goes to the first branch whose `when` holds (facts and answers so far), else to `else`. */
    z.strictObject({
      type: z.literal("branch"),
      branches: z.array(z.strictObject({ when: condition(), next: nodeId() })).check(z.minLength(1)),
      else: z.optional(nodeId()),
    }),
    /** Asks the host page to act (`nudge.on("action", …)`), e.g. open its live chat, then goes on. */
    z.strictObject({ type: z.literal("handoff"), say: z.optional(say()), action: text(), payload: z.optional(payload()), next: z.optional(nodeId()) }),
    /** The dialogue ends; `convert` counts it as the widget's conversion. */
    z.strictObject({ type: z.literal("end"), say: z.optional(say()), convert: z.optional(z.boolean()) }),
  ]);
}

/** Content of a `chatbot` widget in the rules file. */
export function chatbotContentSchema() {
  return z
    .strictObject({
      /** The bot's name, shown in the header and the teaser. */
      name: text(),
      /** A line under the name, e.g. "Usually replies at once". */
      subtitle: z.optional(z.string()),
      avatar: z.optional(z.strictObject({ src: safeUrl(), alt: z.string() })),
      /** The proactive message beside the launcher (default: the first thing `start` says). */
      teaser: z.optional(z.string()),
      /** Corner of the launcher (default "right"). */
      position: z.optional(z.enum(["right", "left"])),
      /** The node the dialogue starts at. */
      start: nodeId(),
      nodes: z.record(nodeId(), nodeSchema()),
    })
    .check(
      z.superRefine((value, ctx) => {
        for (const problem of treeProblems(value)) ctx.addIssue({ code: "custom", message: problem.message, input: value, path: problem.path });
      }),
    );
}

export type ChatbotContent = z.infer<ReturnType<typeof chatbotContentSchema>>;
export type ChatNode = ChatbotContent["nodes"][string];
export type Reply = Extract<ChatNode, { type: "choice" }>["replies"][number];
