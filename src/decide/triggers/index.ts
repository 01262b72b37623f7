export { armTriggers, type PageTriggers, type Triggerable } from "./arm.js";
export { compileTrigger, type CompiledTrigger, type TriggerKind } from "./compile.js";
