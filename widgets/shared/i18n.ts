/**
 * Localization helpers shared by the widgets: their own strings in Russian and English
 * (marketer text comes translated in the rules), plurals and money through `Intl`.
 */

/** A widget's built-in strings per language; English is the fallback. */
export type Strings<K extends string> = { en: Record<K, string> } & Partial<Record<string, Record<K, string>>>;

/** The strings for `locale` ("ru-RU" uses "ru"), else English. */
export function stringsFor<K extends string>(strings: Strings<K>, locale: string): Record<K, string> {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return strings[language] ?? strings.en;
}

/**
 * Picks the plural form of `count` for `locale` with `Intl.PluralRules`; `{n}` in it becomes the
 * number, e.g. `plural("ru", 3, { one: "{n} человек", few: "{n} человека", many: "{n} человек" })`.
 */
export function plural(locale: string, count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other?: string }): string {
  let rule: Intl.LDMLPluralRule = "other";
  try {
    rule = new Intl.PluralRules(locale).select(count);
  } catch {
    // an invalid locale tag: "other"
  }
  const form = forms[rule] ?? forms.other ?? forms.many ?? Object.values(forms)[0] ?? "";
  return form.replace("{n}", formatNumber(locale, count));
}

/** A price in `currency`, e.g. "1 990 ₽" or "$19.90"; never throws on a bad locale or currency. */
export function money(locale: string, currency: string, amount: number): string {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${formatNumber(locale, amount)} ${currency}`;
  }
}

function formatNumber(locale: string, value: number): string {
  try {
    return new Intl.NumberFormat(locale).format(value);
  } catch {
    return String(value);
  }
}
