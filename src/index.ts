export { createNudge, type Nudge } from "./core/create-nudge.js";
export type {
  NudgeOptions,
  NudgeEvents,
  WidgetEvent,
  CartItem,
  Order,
  ViewedProduct,
  PageProps,
  IdentifyOptions,
  JsonObject,
  JsonValue,
  ConsentChoice,
  ConsentState,
} from "./core/types.js";
export type { NudgeProblem } from "./core/report.js";
export type { Explanation } from "./decide/decider.js";
export type { Facts, PageFacts, VisitorFacts, TimeFacts, CartFacts, CartLine, OrderFacts } from "./profile/facts.js";
export type { KeyValueStore } from "./profile/storage.js";
export type { Env } from "./env/env.js";
export type { WidgetProps, WidgetDefinition, MountedWidgetDefinition, AnyWidgetDefinition, WidgetHosting, WidgetLoader, CloseReason } from "./render/widget-api.js";
export type { RulesFile, WidgetRule, Settings, Frequency } from "./rules/schema/rules-schema.js";
export type { Trigger } from "./rules/schema/trigger-schema.js";
export type { MeasureEvent } from "./measure/event.js";
export type { Destination, DeliveryStats } from "./measure/destination-types.js";
export type { LocalReport } from "./measure/pipeline.js";
