export { createNudge, type Nudge } from "./core/create-nudge.js";
export type { NudgeOptions, NudgeEvents, WidgetEvent } from "./core/types.js";
export type { NudgeProblem } from "./core/report.js";
export type { Explanation } from "./decide/decider.js";
export type { Facts, PageFacts, VisitorFacts, TimeFacts, CartFacts, CartItem, OrderFacts } from "./profile/facts.js";
export type { KeyValueStore } from "./profile/storage.js";
export type { Env } from "./env/env.js";
export type { WidgetProps, WidgetDefinition, WidgetLoader, CloseReason } from "./render/widget-api.js";
export type { RulesFile, WidgetRule, Settings, Trigger, Frequency } from "./rules/schema/rules-schema.js";
