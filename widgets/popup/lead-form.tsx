import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { stringsFor } from "../shared/i18n.js";
import { isSafeUrl } from "../shared/safe-url.js";
import { leadStrings } from "./lead-strings.js";
import { leadProblem, leadValue, type LeadField, type LeadProblem } from "./lead-validation.js";
import type { LeadFormContent } from "./schema.js";

const INPUT: Record<LeadField, { type: "email" | "tel" | "text"; autoComplete: string; inputMode?: "email" | "tel" }> = {
  email: { type: "email", autoComplete: "email", inputMode: "email" },
  phone: { type: "tel", autoComplete: "tel", inputMode: "tel" },
  name: { type: "text", autoComplete: "name" },
};

/**
 * A lead form: email, phone and/or name, and a consent checkbox that must be ticked. Errors show
 * under each field (tied to it with `aria-describedby`, `aria-invalid` set) once the visitor tries
 * to send, and focus goes to the first field to fix. When all is well, `onLead(fields)` gets the
 * values and a success message replaces the form (focused, so screen readers read it), followed by
 * `reward` (the coupon). Nothing is sent anywhere from here.
 */
export function LeadForm({
  form,
  locale,
  onLead,
  reward,
}: {
  form: LeadFormContent;
  locale: string;
  onLead(fields: Record<string, string>, consent: string): void;
  reward?: ComponentChildren;
}) {
  const s = stringsFor(leadStrings, locale);
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [agreed, setAgreed] = useState(false);
  const [sent, setSent] = useState(false);
  const inputs = useRef<Record<string, HTMLInputElement | null>>({});
  const done = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (sent) done.current?.focus({ preventScroll: true });
  }, [sent]);

  const labelOf = (name: LeadField) => form.fields.find((f) => f.name === name)?.label || s[name];
  const message = (name: LeadField, problem: LeadProblem) =>
    problem === "required" ? s.required.replace("{field}", labelOf(name)) : problem === "email" ? s.badEmail : problem === "phone" ? s.badPhone : s.badName;
  const problemOf = (name: LeadField, value: string) => {
    const field = form.fields.find((f) => f.name === name)!;
    const problem = leadProblem(name, value, field.required !== false);
    return problem && message(name, problem);
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const field of form.fields) {
      const problem = problemOf(field.name, values[field.name] ?? "");
      if (problem) found[field.name] = problem;
    }
    if (!agreed) found.consent = s.consent;
    setErrors(found);
    const first = [...form.fields.map((f) => f.name), "consent"].find((name) => found[name]);
    if (first) return inputs.current[first]?.focus();
    const fields: Record<string, string> = {};
    for (const field of form.fields) {
      const value = leadValue(field.name, values[field.name] ?? "");
      if (value) fields[field.name] = value;
    }
    // The consent as the visitor saw it: the checkbox's label (a collector stores it with the lead).
    onLead(fields, form.consent.label);
    setSent(true);
  };

  if (sent) {
    return (
      <div class="nudge-lead__done">
        <svg class="nudge-lead__check" viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="11" fill="currentColor" opacity=".14" />
          <path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        <h3 ref={done} class="nudge-lead__title" tabIndex={-1}>
          {form.success?.title || s.success}
        </h3>
        {form.success?.text && <p class="nudge-lead__text">{form.success.text}</p>}
        {reward}
      </div>
    );
  }

  const policy = form.consent.policy && isSafeUrl(form.consent.policy.href) ? form.consent.policy : undefined;
  const consentError = errors.consent;
  return (
    <form class="nudge-lead" noValidate onSubmit={onSubmit}>
      {form.fields.map((field) => {
        const fid = `${id}-${field.name}`;
        const error = errors[field.name];
        const required = field.required !== false;
        return (
          <div class="nudge-field" key={field.name}>
            <label class="nudge-field__label" for={fid}>
              {labelOf(field.name)}
              {required && (
                <span class="nudge-field__req" title={s.requiredMark} aria-hidden="true">
                  {" *"}
                </span>
              )}
            </label>
            <input
              ref={(el) => {
                inputs.current[field.name] = el;
              }}
              id={fid}
              name={field.name}
              class="nudge-field__input"
              // One of email/tel/text: Preact's types want a literal, the table holds the right one.
              type={INPUT[field.name].type as "text"}
              autoComplete={INPUT[field.name].autoComplete}
              inputMode={INPUT[field.name].inputMode}
              placeholder={field.placeholder}
              required={required}
              value={values[field.name] ?? ""}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? `${fid}-e` : undefined}
              onInput={(e) => {
                const value = (e.currentTarget as HTMLInputElement).value;
                setValues((v) => ({ ...v, [field.name]: value }));
                // Once an error shows, it follows the typing and goes away as soon as the value is right.
                if (errors[field.name]) setErrors((all) => ({ ...all, [field.name]: problemOf(field.name, value) ?? "" }));
              }}
            />
            {error && (
              <p id={`${fid}-e`} class="nudge-field__error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div class="nudge-consent">
        <input
          ref={(el) => {
            inputs.current.consent = el;
          }}
          id={`${id}-consent`}
          class="nudge-consent__box"
          type="checkbox"
          required
          checked={agreed}
          aria-invalid={consentError ? "true" : undefined}
          aria-describedby={consentError ? `${id}-consent-e` : undefined}
          onChange={(e) => {
            const checked = (e.currentTarget as HTMLInputElement).checked;
            setAgreed(checked);
            if (checked) setErrors((all) => ({ ...all, consent: "" }));
          }}
        />
        <div class="nudge-consent__text">
          <label for={`${id}-consent`}>{form.consent.label}</label>
          {policy && (
            <>
              {" "}
              <a class="nudge-consent__policy" href={policy.href} target="_blank" rel="noopener noreferrer">
                {policy.label}
              </a>
            </>
          )}
          {consentError && (
            <p id={`${id}-consent-e`} class="nudge-field__error">
              {consentError}
            </p>
          )}
        </div>
      </div>
      <button type="submit" class="nudge-popup__cta nudge-lead__submit">
        {form.submit || s.submit}
      </button>
    </form>
  );
}
