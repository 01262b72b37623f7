import type { Strings } from "../shared/i18n.js";

type Forms = Partial<Record<Intl.LDMLPluralRule, string>>;

/** Built-in wording per known metric, in plural forms (`{n}` is the number). */
export const METRIC_MESSAGES: Record<string, Record<string, Forms>> = {
  en: {
    soldToday: { one: "{n} person bought this today", other: "{n} people bought this today" },
    viewsLastHour: { one: "{n} person viewed this in the last hour", other: "{n} people viewed this in the last hour" },
  },
  ru: {
    soldToday: { one: "{n} человек купил это сегодня", few: "{n} человека купили это сегодня", many: "{n} человек купили это сегодня", other: "{n} человека купили это сегодня" },
    viewsLastHour: {
      one: "{n} человек смотрел этот товар за последний час",
      few: "{n} человека смотрели этот товар за последний час",
      many: "{n} человек смотрели этот товар за последний час",
      other: "{n} человека смотрели этот товар за последний час",
    },
  },
};

export const STRINGS: Strings<"close"> = {
  en: { close: "Close" },
  ru: { close: "Закрыть" },
};
