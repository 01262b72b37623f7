/** The fields a lead form can ask for. */
export type LeadField = "email" | "phone" | "name";

/** Why a field's value is not accepted. */
export type LeadProblem = "required" | "email" | "phone" | "name";

/**
 * Checks one field of a lead form; undefined when the value is fine. Empty optional fields pass.
 * Email: something@domain.tld without spaces. Phone: 7 to 15 digits, an optional leading +,
 * and spaces, dashes, dots or brackets between them. Name: up to 100 characters.
 *
 * @example
 * leadProblem("email", "ada@", true) // "email"
 * leadProblem("phone", "+7 (900) 123-45-67", true) // undefined
 */
export function leadProblem(field: LeadField, raw: string, required: boolean): LeadProblem | undefined {
  const value = raw.trim();
  if (!value) return required ? "required" : undefined;
  if (field === "email") return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/.test(value) ? undefined : "email";
  if (field === "phone") return /^\+?\d{7,15}$/.test(value.replace(/[\s().-]/g, "")) && !/[^\d\s().+-]/.test(value) ? undefined : "phone";
  return value.length <= 100 ? undefined : "name";
}

/** The value a lead form reports for a field: trimmed; a phone keeps only its digits and a leading +. */
export function leadValue(field: LeadField, raw: string): string {
  const value = raw.trim();
  return field === "phone" ? value.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "") : value;
}
