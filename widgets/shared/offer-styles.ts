/**
 * CSS of the countdown and coupon blocks, shared by the popup and the countdown-coupon widget.
 * They use the resolved theme variables of `base-styles.ts` (`--_brand`, `--_text`, `--_line`…) and
 * add one: `--nudge-accent` (the timer's digits; default: the brand colour).
 */
export const offerStyles = /* css */ `
.nudge-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.nudge-cd{display:flex;flex-direction:column;align-items:center;gap:6px}
.nudge-cd__label{font-size:12px;font-weight:650;letter-spacing:.06em;text-transform:uppercase;color:var(--_muted)}
.nudge-cd__digits{display:flex;gap:6px;font-variant-numeric:tabular-nums}
.nudge-cd__unit{display:flex;flex-direction:column;align-items:center;min-width:52px;padding:6px 4px 5px;
border-radius:calc(var(--_radius)*.5);background:color-mix(in srgb,var(--_accent) 10%,var(--_surface));
box-shadow:inset 0 0 0 1px color-mix(in srgb,var(--_accent) 18%,transparent)}
.nudge-cd__n{font-size:24px;font-weight:750;line-height:1.1;color:var(--_accent);letter-spacing:-.01em}
.nudge-cd__u{font-size:11px;line-height:1.2;color:var(--_muted)}
.nudge-coupon{display:flex;flex-direction:column;align-items:stretch;gap:6px;width:100%}
.nudge-coupon__label{font-size:13px;font-weight:600;color:var(--_muted);text-align:center}
.nudge-coupon__row{display:flex;align-items:stretch;min-height:50px;border:1.5px dashed color-mix(in srgb,var(--_brand) 55%,transparent);
border-radius:calc(var(--_radius)*.625);background:color-mix(in srgb,var(--_brand) 6%,var(--_surface));overflow:hidden}
.nudge-coupon__code{all:unset;box-sizing:border-box;flex:1;min-width:0;padding:8px 14px;font:700 20px/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
letter-spacing:.08em;text-align:center;color:var(--_text);cursor:text;text-overflow:ellipsis}
.nudge-coupon__code:focus-visible{outline:2px solid var(--_brand);outline-offset:-4px;border-radius:8px}
.nudge-coupon__code::selection{background:color-mix(in srgb,var(--_brand) 35%,transparent)}
.nudge-coupon__copy{display:flex;align-items:center;gap:6px;padding:0 16px;font-size:14px;font-weight:650;
color:var(--_brand);border-inline-start:1.5px dashed color-mix(in srgb,var(--_brand) 55%,transparent);transition:background-color .15s,color .15s}
.nudge-coupon__copy:hover{background:color-mix(in srgb,var(--_brand) 10%,transparent)}
.nudge-coupon__copy:focus-visible{outline-offset:-4px}
.nudge-coupon__copy--done{color:var(--_ok)}
.nudge-coupon__status{min-height:1.4em;font-size:13px;line-height:1.4;color:var(--_muted);text-align:center}
.nudge-coupon--compact{gap:2px}
.nudge-coupon--compact .nudge-coupon__status{min-height:0}
.nudge-coupon--compact .nudge-coupon__row{min-height:42px}
.nudge-coupon--compact .nudge-coupon__code{font-size:17px;padding:6px 10px}
.nudge-w{--_accent:var(--nudge-accent,var(--_brand));--_ok:#15803d}
@media (prefers-color-scheme:dark){.nudge-w{--_ok:#4ade80}}
`;
