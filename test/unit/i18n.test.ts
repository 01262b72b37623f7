import { describe, expect, it } from "vitest";
import { money, plural, stringsFor } from "../../widgets/shared/i18n.js";

describe("widget i18n helpers", () => {
  it("picks Russian plural forms by Intl.PluralRules", () => {
    const forms = { one: "{n} товар", few: "{n} товара", many: "{n} товаров" };
    expect([1, 2, 5, 11, 21, 22].map((n) => plural("ru", n, forms))).toEqual(["1 товар", "2 товара", "5 товаров", "11 товаров", "21 товар", "22 товара"]);
    expect(plural("en", 1, { one: "{n} item", other: "{n} items" })).toBe("1 item");
    expect(plural("en", 3, { one: "{n} item", other: "{n} items" })).toBe("3 items");
  });

  it("formats money in the configured currency and survives a bad currency code", () => {
    expect(money("en-US", "USD", 19.9)).toBe("$19.90");
    expect(money("ru-RU", "RUB", 1990).replace(/\s/g, " ")).toBe("1 990,00 ₽");
    expect(money("en", "NOPE", 5)).toBe("5 NOPE");
  });

  it("falls back to English strings for an unknown language", () => {
    const strings = { en: { close: "Close" }, ru: { close: "Закрыть" } };
    expect(stringsFor(strings, "ru-RU").close).toBe("Закрыть");
    expect(stringsFor(strings, "de").close).toBe("Close");
  });
});
