/** A record's own entry for a key; never one from the prototype chain (`"constructor"`, `"__proto__"`). */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);
