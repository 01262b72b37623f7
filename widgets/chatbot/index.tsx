import type { WidgetDefinition } from "../../src/render/widget-api.js";
import { EXTRA_OPERATORS } from "../../src/rules/condition/operator-registry.js";
import { baseStyles } from "../shared/base-styles.js";
import { Chatbot } from "./chatbot.js";
import type { ChatbotContent } from "./schema.js";
import { chatbotStyles } from "./styles.js";

/**
 * The `chatbot` widget: a launcher bubble with a proactive teaser that opens a scripted
 * dialogue (quick replies, free text, email and phone, branches on answers and facts, hand-offs to
 * the host page). Not modal: it stays beside whatever else shows. Loaded lazily by the runtime.
 *
 * @example
 * const { default: chatbot } = await import("nudge-sdk/widgets/chatbot");
 * nudge.registerWidget("chatbot", chatbot);
 */
const chatbot: WidgetDefinition<ChatbotContent> = {
  component: Chatbot,
  styles: baseStyles + chatbotStyles,
  modal: false,
  // A bot's branches may test what the page's rules do not (`$regex` on an answer): those operators' code
  // (a chunk the runtime shares) loads before it shows, only for a bot that uses one.
  prepare: ({ content }) => (usesExtraOperators(content) ? import("../../src/rules/condition/extra-operators.js").then((code) => code.installExtraOperators()) : undefined),
};

function usesExtraOperators(content: unknown): boolean {
  const text = JSON.stringify(content) ?? "";
  return EXTRA_OPERATORS.some((name) => text.includes(`"${name}"`));
}

export default chatbot;
