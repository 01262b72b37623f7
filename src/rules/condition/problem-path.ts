/** `widgets[2].when` + `visitor.age` → `widgets[2].when.visitor.age`. */
export function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** `when.$or` + 1 → `when.$or[1]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** A short name for what a value is, for messages: "array", "null", "string", ... */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
