import type { ChatbotContent } from "../../../widgets/chatbot/schema.js";

/** A small dialogue covering every node type: help choosing a coffee, a discount by email, a hand-off. */
export const helpChoosing: ChatbotContent = {
  name: "Mia",
  subtitle: "Coffee expert",
  teaser: "Need help choosing?",
  start: "hello",
  nodes: {
    hello: {
      type: "choice",
      say: ["Hi! I'm Mia.", "Can I help you choose?"],
      saveAs: "wantsHelp",
      replies: [
        { label: "Yes please", value: true, next: "taste" },
        { label: "Talk to a person", action: "open_chat", payload: { topic: "choosing" } },
        { label: "See the sale", href: "/sale" },
      ],
    },
    taste: {
      type: "choice",
      say: "How do you like your coffee?",
      saveAs: "taste",
      replies: [
        { label: "Bright and fruity", value: "bright", next: "route" },
        { label: "Dark and chocolatey", value: "dark", next: "route" },
      ],
    },
    route: {
      type: "branch",
      branches: [
        { when: { "attributes.taste": "bright", "cart.count": { $gte: 1 } }, next: "bright-cart" },
        { when: { "attributes.taste": "bright" }, next: "bright" },
        { when: { $segment: "vip" }, next: "vip" },
      ],
      else: "dark",
    },
    "bright-cart": { type: "message", say: "Great, and a light roast goes with what's in your cart.", next: "name" },
    bright: { type: "message", say: "Try our Ethiopia Yirgacheffe.", next: "name" },
    dark: { type: "message", say: "Try our Sumatra.", next: "name" },
    vip: { type: "handoff", say: "A roaster will answer you.", action: "vip_chat", next: "name" },
    name: { type: "ask", say: "What's your name?", input: "text", saveAs: "firstName", next: "email" },
    email: {
      type: "ask",
      say: "Shall I send you 10% off by email?",
      input: "email",
      lead: true,
      note: "We only use it to send the code.",
      replies: [{ label: "No thanks", next: "bye" }],
      next: "thanks",
    },
    thanks: { type: "end", say: "Sent! Check your inbox.", convert: true },
    bye: { type: "end", say: "Happy browsing!" },
  },
};
