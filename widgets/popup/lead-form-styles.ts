/**
 * CSS of the popup's lead form, adopted with the form's code (see `blocks.ts`) after the popup's
 * own: fields, errors, consent, the success message, and the form in a bar. Adds `--_danger`
 * (errors, the required mark) and `--_ok` (the success check).
 */
export const leadFormStyles = /* css */ `
.nudge-lead{display:flex;flex-direction:column;gap:14px;width:100%;margin-top:24px;text-align:start}
.nudge-field{display:flex;flex-direction:column;gap:6px}
.nudge-field__label{font-size:14px;font-weight:600;line-height:1.3}
.nudge-field__req{color:var(--_danger)}
.nudge-field__input{all:unset;box-sizing:border-box;width:100%;min-height:48px;padding:10px 14px;font-size:16px;line-height:1.4;
border-radius:calc(var(--_radius)*.625);background:var(--_surface);color:var(--_text);
box-shadow:inset 0 0 0 1.5px color-mix(in srgb,var(--_text) 24%,transparent);transition:box-shadow .15s}
.nudge-field__input::placeholder{color:var(--_muted);opacity:.8}
.nudge-field__input:focus{box-shadow:inset 0 0 0 2px var(--_brand),0 0 0 4px color-mix(in srgb,var(--_brand) 18%,transparent)}
.nudge-field__input[aria-invalid=true]{box-shadow:inset 0 0 0 2px var(--_danger)}
.nudge-field__error{font-size:13px;line-height:1.35;font-weight:550;color:var(--_danger)}
.nudge-consent{display:flex;gap:10px;align-items:flex-start;font-size:13px;line-height:1.45;color:var(--_muted)}
.nudge-consent__box{flex:none;width:20px;height:20px;margin:0;accent-color:var(--_brand);cursor:pointer}
.nudge-consent label{cursor:pointer}
.nudge-consent__policy{color:var(--_brand);text-decoration:underline;text-underline-offset:2px}
.nudge-consent__text .nudge-field__error{margin-top:4px}
.nudge-lead__submit{margin-top:4px;width:100%}
.nudge-lead__done{display:flex;flex-direction:column;align-items:center;gap:6px;width:100%;margin-top:22px;text-align:center}
.nudge-lead__check{color:var(--_ok)}
.nudge-lead__title{font-size:20px;font-weight:700}
.nudge-lead__text{color:var(--_muted)}
.nudge-popup__card--bar .nudge-lead{width:auto;max-width:360px;margin:0}
.nudge-w{--_danger:#b91c1c;--_ok:#15803d}
@media (prefers-color-scheme:dark){.nudge-w{--_danger:#fca5a5;--_ok:#4ade80}}
`;
