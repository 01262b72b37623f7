import type { Answer, Question } from "./schema.js";

const RATINGS = [1, 2, 3, 4, 5];

export interface QuestionProps {
  question: Question;
  /** Ids for the legend and the hint (the field's accessible name and description). */
  ids: { legend: string; hint: string; field: string };
  value: Answer | undefined;
  onChange(value: Answer | undefined): void;
  labels: { low: string; high: string; stars: string; placeholder: string; faces: string[] };
  /** The error shown under the answers, also their description. */
  error?: string;
}

/** The value an option saves: its `value`, else its label. */
export const optionValue = (o: { label: string; value?: string }) => o.value ?? o.label;

/**
 * The answers of one question as native form controls (radio buttons, checkboxes, a text field), so
 * the arrow keys, Space and screen readers work as everywhere. Every string renders as text.
 */
export function QuestionFields({ question: q, ids, value, onChange, labels, error }: QuestionProps) {
  const described = [q.hint ? ids.hint : "", error ? `${ids.field}-e` : ""].filter(Boolean).join(" ") || undefined;
  if (q.type === "text") {
    return (
      <input
        id={ids.field}
        class="nudge-survey__input"
        type="text"
        autoComplete="off"
        maxLength={q.maxLength ?? 300}
        placeholder={q.placeholder ?? labels.placeholder}
        aria-labelledby={ids.legend}
        aria-describedby={described}
        aria-invalid={error ? "true" : undefined}
        value={typeof value === "string" ? value : ""}
        onInput={(e) => onChange((e.currentTarget as HTMLInputElement).value)}
      />
    );
  }
  if (q.type === "rating") {
    if (q.scale === "faces") return <FaceScale q={q} ids={ids} value={value} onChange={onChange} names={labels.faces} described={described} />;
    const stars = q.scale === "stars";
    return (
      <div class={`nudge-survey__rating nudge-survey__rating--${stars ? "stars" : "csat"}`} role="radiogroup" aria-labelledby={ids.legend} aria-describedby={described}>
        <div class="nudge-survey__scale">
          {RATINGS.map((n) => (
            <label key={n} class="nudge-survey__rate">
              <input
                type="radio"
                class="nudge-survey__hidden"
                name={ids.field}
                value={String(n)}
                checked={value === n}
                onChange={() => onChange(n)}
                aria-label={stars ? labels.stars.replace("{n}", String(n)) : n === 1 ? `1: ${q.lowLabel ?? labels.low}` : n === 5 ? `5: ${q.highLabel ?? labels.high}` : String(n)}
              />
              <span class={typeof value === "number" && stars && n <= value ? "nudge-survey__face nudge-survey__face--on" : "nudge-survey__face"} aria-hidden="true">
                {stars ? (
                  <svg viewBox="0 0 24 24" width="28" height="28" focusable="false">
                    <path d="M12 3.2l2.7 5.6 6.1.8-4.5 4.2 1.1 6-5.4-2.9-5.4 2.9 1.1-6-4.5-4.2 6.1-.8z" stroke-linejoin="round" />
                  </svg>
                ) : (
                  n
                )}
              </span>
            </label>
          ))}
        </div>
        {!stars && (
          <div class="nudge-survey__ends" aria-hidden="true">
            <span>{q.lowLabel ?? labels.low}</span>
            <span>{q.highLabel ?? labels.high}</span>
          </div>
        )}
      </div>
    );
  }
  const multiple = q.type === "multiple";
  const chosen = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return (
    <div class="nudge-survey__options" role={multiple ? "group" : "radiogroup"} aria-labelledby={ids.legend} aria-describedby={described}>
      {q.options.map((o) => {
        const v = optionValue(o);
        return (
          <label key={v} class="nudge-survey__option">
            <input
              type={multiple ? "checkbox" : "radio"}
              class="nudge-survey__check"
              name={ids.field}
              value={v}
              checked={chosen.includes(v)}
              onChange={(e) => {
                if (!multiple) return onChange(v);
                const on = (e.currentTarget as HTMLInputElement).checked;
                const list = q.options.map(optionValue).filter((x) => (x === v ? on : chosen.includes(x)));
                onChange(list.length ? list : undefined);
              }}
            />
            <span>{o.label}</span>
          </label>
        );
      })}
    </div>
  );
}

/** The mouth of each face, 1 (very unhappy) to 5 (very happy), on a 24 × 24 face. */
const MOUTHS = ["M7.8 17.2Q12 12.4 16.2 17.2", "M8.4 16.4Q12 14.4 15.6 16.4", "M8.4 15.4H15.6", "M8.4 14.6Q12 16.6 15.6 14.6", "M7.8 13.8Q12 19.4 16.2 13.8"];

interface FaceScaleProps {
  q: Extract<Question, { type: "rating" }>;
  ids: QuestionProps["ids"];
  value: Answer | undefined;
  onChange(value: Answer | undefined): void;
  /** The five faces' names in the visitor's language; `lowLabel` / `highLabel` replace the first and last. */
  names: string[];
  described: string | undefined;
}

/**
 * CSAT as five faces, each a radio button named by the text under it ("Very unhappy" … "Very
 * happy"), so a screen reader says what a face means, not "1" or an emoji's name.
 */
function FaceScale({ q, ids, value, onChange, names, described }: FaceScaleProps) {
  const name = (n: number) => (n === 1 && q.lowLabel) || (n === 5 && q.highLabel) || names[n - 1];
  return (
    <div class="nudge-survey__rating nudge-survey__rating--faces" role="radiogroup" aria-labelledby={ids.legend} aria-describedby={described}>
      <div class="nudge-survey__scale">
        {RATINGS.map((n) => (
          <label key={n} class={`nudge-survey__rate nudge-survey__rate--${n}`}>
            <input type="radio" class="nudge-survey__hidden" name={ids.field} value={String(n)} checked={value === n} onChange={() => onChange(n)} />
            <span class="nudge-survey__face" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="30" height="30" focusable="false">
                <circle cx="12" cy="12" r="9.2" />
                <circle class="nudge-survey__eye" cx="9" cy="9.8" r="1.15" />
                <circle class="nudge-survey__eye" cx="15" cy="9.8" r="1.15" />
                <path d={MOUTHS[n - 1]} />
              </svg>
            </span>
            <span class="nudge-survey__face-name">{name(n)}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
