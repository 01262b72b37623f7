import type { WidgetDefinition } from "../../src/render/widget-api.js";
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
};

export default chatbot;
