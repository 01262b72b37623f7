/**
 * CSS of the comparison, after `baseStyles` (theme: the `--nudge-*` custom properties listed there,
 * and `--nudge-sale` for the sale price as in the carousel). A modal over the backdrop; the table
 * scrolls sideways inside the card when the columns do not fit (a 360 px phone with three
 * products), the row labels staying in view. Below 600px the card is a bottom sheet.
 */
export const compareStyles = /* css */ `
.nudge-compare{--_sale:var(--nudge-sale,#b42318);position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483640;display:flex;align-items:center;justify-content:center;padding:24px;box-sizing:border-box;background:var(--_backdrop);
animation:nudge-compare-fade .2s ease-out}
.nudge-compare__card{position:relative;display:flex;flex-direction:column;width:100%;max-width:860px;max-height:100%;padding:24px 0 20px;
border-radius:var(--_radius);background:var(--_surface);color:var(--_text);box-shadow:0 0 0 1px var(--_line),0 24px 64px -12px rgba(0,0,0,.4);
animation:nudge-compare-in .3s cubic-bezier(.2,.9,.3,1.05)}
.nudge-compare__card:focus{outline:none}
.nudge-compare__title{padding:0 64px 0 24px;font-size:21px;font-weight:720;line-height:1.25;letter-spacing:-.01em;overflow-wrap:anywhere}
.nudge-compare__text{margin-top:2px;padding:0 24px;font-size:14px;color:var(--_muted);overflow-wrap:anywhere}
.nudge-compare__scroll{margin-top:14px;overflow:auto;overscroll-behavior:contain;padding:0 24px}
.nudge-compare__scroll:focus-visible{outline:2px solid var(--_brand);outline-offset:-2px}
.nudge-compare__table{width:100%;border-collapse:separate;border-spacing:0;table-layout:fixed;font-size:14.5px;line-height:1.4}
.nudge-compare__corner,.nudge-compare__label{width:112px}
.nudge-compare__table--2{min-width:392px}.nudge-compare__table--3{min-width:532px}.nudge-compare__table--4{min-width:672px}
.nudge-compare__table th,.nudge-compare__table td{padding:10px 8px;text-align:start;vertical-align:top;overflow-wrap:anywhere}
.nudge-compare__table tbody tr>*{border-top:1px solid var(--_line)}
.nudge-compare__label{position:sticky;left:0;z-index:1;background:var(--_surface);font-weight:600;font-size:13px;color:var(--_muted)}
.nudge-compare__product{font-weight:inherit}
.nudge-compare__link{display:flex;flex-direction:column;gap:8px;color:inherit;text-decoration:none;border-radius:10px}
.nudge-compare__link:hover .nudge-compare__name{text-decoration:underline}
.nudge-compare__media{display:block;width:100%;max-width:160px;aspect-ratio:1;border-radius:10px;overflow:hidden;background:color-mix(in srgb,var(--_text) 5%,transparent)}
.nudge-compare__media img{display:block;width:100%;height:100%;object-fit:cover}
.nudge-compare__name{font-weight:650;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.nudge-compare__price{display:block;font-weight:700;font-variant-numeric:tabular-nums}
.nudge-compare__was{display:block;font-size:13px;color:var(--_muted)}
.nudge-compare__best{display:inline-block;margin-top:4px;padding:2px 8px;border-radius:999px;font-size:12px;font-weight:650;
color:var(--_brand);background:color-mix(in srgb,var(--_brand) 12%,transparent)}
.nudge-compare__add{width:100%;min-height:44px;padding:8px 10px;border-radius:calc(var(--_radius)*.625);background:var(--_brand);color:var(--_on-brand);
font-weight:650;font-size:14px;transition:background-color .15s}
.nudge-compare__add:hover{background:color-mix(in srgb,var(--_brand) 88%,var(--_text))}
.nudge-compare__add--done{background:color-mix(in srgb,var(--_brand) 12%,transparent);color:var(--_brand)}
.nudge-compare__sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.nudge-compare__close{position:absolute;top:16px;inset-inline-end:16px;display:grid;place-items:center;width:36px;height:36px;
border-radius:999px;color:var(--_muted);transition:background-color .15s,color .15s}
.nudge-compare__close:hover{color:var(--_text);background:color-mix(in srgb,var(--_text) 8%,transparent)}
@media (max-width:599.98px){
.nudge-compare{align-items:flex-end;padding:0}
.nudge-compare__card{max-width:none;max-height:92%;padding:20px 0 calc(14px + env(safe-area-inset-bottom));border-radius:var(--_radius) var(--_radius) 0 0}
.nudge-compare__title{padding:0 56px 0 16px;font-size:18px}
.nudge-compare__text{padding:0 16px}
.nudge-compare__scroll{padding:0 16px}
.nudge-compare__corner,.nudge-compare__label{width:84px}
.nudge-compare__table{font-size:14px}
.nudge-compare__table th,.nudge-compare__table td{padding:8px 6px}
.nudge-compare__table--2{min-width:320px}.nudge-compare__table--3{min-width:438px}.nudge-compare__table--4{min-width:556px}}
@media (prefers-color-scheme:dark){.nudge-compare__card{box-shadow:0 0 0 1px var(--_line),0 24px 64px -12px rgba(0,0,0,.8)}}
@keyframes nudge-compare-fade{from{opacity:0}}
@keyframes nudge-compare-in{from{opacity:0;transform:translateY(24px)}}
`;
