export { NudgeProvider, useNudge, useNudgeEvent, type NudgeProviderProps } from "./provider.js";
export { reactWidget } from "./react-widget.js";
export type { Nudge } from "../core/create-nudge.js";
export type { NudgeOptions, NudgeEvents, WidgetEvent } from "../core/types.js";
export type { WidgetProps, WidgetHosting, MountedWidgetDefinition, AnyWidgetDefinition, CloseReason } from "../render/widget-api.js";
