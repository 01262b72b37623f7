/**
 * CSS of the push ask, after `baseStyles` (theme: the `--nudge-*` custom properties listed there).
 * A card in a corner of the visible page, inside a layer that lets clicks through to the page;
 * below 480px it spans the width, at the bottom.
 */
export const pushAskStyles = /* css */ `
.nudge-push{box-sizing:border-box;position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483640;display:flex;align-items:flex-end;justify-content:flex-end;padding:20px;pointer-events:none}
.nudge-push--bottom-left{justify-content:flex-start}
.nudge-push__card{position:relative;pointer-events:auto;display:grid;grid-template-columns:44px 1fr;column-gap:14px;width:100%;max-width:400px;
padding:20px 20px 16px;border-radius:var(--_radius);background:var(--_surface);color:var(--_text);
box-shadow:0 0 0 1px var(--_line),0 2px 6px rgba(0,0,0,.06),0 20px 48px -12px rgba(0,0,0,.35);animation:nudge-push-in .36s cubic-bezier(.2,.9,.3,1.05)}
.nudge-push__card:focus{outline:none}
.nudge-push__card>*:not(.nudge-push__bell):not(.nudge-push__close){grid-column:2}
.nudge-push__bell{grid-row:1/span 4;display:grid;place-items:center;width:44px;height:44px;border-radius:12px;
color:var(--_brand);background:color-mix(in srgb,var(--_brand) 12%,transparent)}
.nudge-push__title{padding-inline-end:28px;font-size:17px;font-weight:700;line-height:1.35;text-wrap:balance;overflow-wrap:anywhere}
.nudge-push__title:focus{outline:none}
.nudge-push__text{margin-top:6px;font-size:14.5px;line-height:1.45;color:var(--_muted);overflow-wrap:anywhere}
.nudge-push__actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:14px}
.nudge-push__yes{min-height:44px;padding:10px 18px;border-radius:calc(var(--_radius)*.625);background:var(--_brand);color:var(--_on-brand);
font-weight:650;transition:background-color .15s}
.nudge-push__yes:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-push__no{min-height:44px;padding:10px 12px;border-radius:8px;font-size:14px;color:var(--_muted)}
.nudge-push__no:hover{color:var(--_text)}
.nudge-push__yes:disabled,.nudge-push__no:disabled{opacity:.6;cursor:default}
.nudge-push__status{font-size:13px;color:var(--_muted)}
.nudge-push__status:not(:empty){margin-top:8px}
.nudge-push__close{position:absolute;top:12px;inset-inline-end:12px;display:grid;place-items:center;width:32px;height:32px;
border-radius:999px;color:var(--_muted);transition:background-color .15s,color .15s}
.nudge-push__close:hover{color:var(--_text);background:color-mix(in srgb,var(--_text) 8%,transparent)}
@media (max-width:479.98px){
.nudge-push{padding:0}
.nudge-push__card{max-width:none;grid-template-columns:36px 1fr;column-gap:12px;padding:18px 16px calc(14px + env(safe-area-inset-bottom));border-radius:var(--_radius) var(--_radius) 0 0}
.nudge-push__bell{width:36px;height:36px;border-radius:10px}}
@media (prefers-color-scheme:dark){.nudge-push__card{box-shadow:0 0 0 1px var(--_line),0 20px 48px -12px rgba(0,0,0,.8)}}
@keyframes nudge-push-in{from{opacity:0;transform:translateY(24px)}}
`;
