/**
 * CSS of the carousel, adopted into its shadow root after `baseStyles` (class names only, no
 * inline styles: strict CSP). Themed by the shared `--nudge-*` properties (see
 * `widgets/shared/base-styles.ts`) plus one of its own:
 *
 *   --nudge-sale   discount badge and sale price   (#b42318; dark #fca5a5)
 *
 * Height is fixed by the layout, not the data: cards are 188 px wide (148 px below 600 px) with
 * square images, one line of brand, two of name (clamped), one of price and a button. An inline
 * carousel is about 400 px tall on desktop and 350 px on a phone (a line more with `text`):
 * a page that reserves that much at its placement (min-height) never moves when it appears.
 */
export const carouselStyles = /* css */ `
.nudge-carousel{--_sale:var(--nudge-sale,#b42318);--_card:188px;--_pad:24px;position:relative;
padding:20px 0 22px;background:var(--_surface);border-radius:var(--_radius);box-shadow:0 0 0 1px var(--_line)}
.nudge-carousel__head{display:flex;align-items:flex-end;justify-content:space-between;gap:16px;
min-height:38px;margin-bottom:12px;padding-inline:var(--_pad)}
.nudge-carousel__heading{min-width:0}
.nudge-carousel__title{font-size:21px;font-weight:720;line-height:1.25;letter-spacing:-.01em;overflow-wrap:anywhere}
.nudge-carousel__text{margin-top:2px;font-size:14px;color:var(--_muted);overflow-wrap:anywhere}
.nudge-carousel__arrows{display:flex;gap:8px;flex:none}
.nudge-carousel__arrow{display:grid;place-items:center;width:38px;height:38px;border-radius:999px;
color:var(--_text);box-shadow:inset 0 0 0 1px var(--_line);transition:background-color .15s,opacity .15s}
.nudge-carousel__arrow:hover{background:color-mix(in srgb,var(--_text) 7%,transparent)}
.nudge-carousel__arrow[aria-disabled=true]{opacity:.35;cursor:default;background:none}
.nudge-carousel__track{display:grid;grid-auto-flow:column;grid-auto-columns:var(--_card);gap:16px;
overflow-x:auto;overflow-y:hidden;overscroll-behavior-x:contain;scroll-snap-type:x mandatory;
scroll-padding-inline:var(--_pad);padding:6px var(--_pad) 6px;scroll-behavior:smooth;scrollbar-width:none}
.nudge-carousel__track::-webkit-scrollbar{display:none}
.nudge-carousel__slide{position:relative;display:flex;min-width:0;scroll-snap-align:start}
.nudge-card{display:flex;flex-direction:column;width:100%;min-width:0}
.nudge-card__link{display:flex;flex-direction:column;text-decoration:none;border-radius:calc(var(--_radius)*.625)}
.nudge-card__link:focus-visible{outline-offset:2px}
.nudge-card__media{position:relative;display:block;aspect-ratio:1/1;overflow:hidden;
border-radius:calc(var(--_radius)*.625);background:color-mix(in srgb,var(--_text) 5%,var(--_surface))}
.nudge-card__media img{width:100%;height:100%;object-fit:cover;transition:transform .3s ease}
.nudge-card__link:hover img{transform:scale(1.04)}
.nudge-card__badge{position:absolute;top:8px;left:8px;padding:2px 8px;border-radius:999px;font-size:12px;
font-weight:700;line-height:20px;color:#fff;background:var(--_sale)}
.nudge-card__brand{margin-top:10px;overflow:hidden;font-size:12px;line-height:18px;letter-spacing:.02em;
color:var(--_muted);white-space:nowrap;text-overflow:ellipsis}
.nudge-card__name{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;
min-height:40px;font-size:15px;font-weight:600;line-height:20px;overflow-wrap:anywhere}
.nudge-card__brand+.nudge-card__name{margin-top:1px}
.nudge-card__media+.nudge-card__name{margin-top:10px}
.nudge-card__link:hover .nudge-card__name{text-decoration:underline;text-underline-offset:2px}
.nudge-card__price{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 8px;height:24px;margin-top:auto;
padding-top:6px;box-sizing:content-box;overflow:hidden;line-height:24px}
.nudge-card__now{font-size:16px;font-weight:700;font-variant-numeric:tabular-nums}
.nudge-card__now--sale{color:var(--_sale)}
.nudge-card__was{font-size:13px;color:var(--_muted)}
.nudge-card__add{display:flex;align-items:center;justify-content:center;gap:6px;min-height:40px;margin-top:10px;
padding:8px 12px;border-radius:calc(var(--_radius)*.625);font-size:14px;font-weight:650;text-align:center;
color:var(--_brand);box-shadow:inset 0 0 0 1.5px color-mix(in srgb,var(--_brand) 55%,transparent);
transition:background-color .15s,color .15s,box-shadow .15s}
.nudge-card__add:hover,.nudge-card__add--done{background:var(--_brand);color:var(--_on-brand);box-shadow:none}
.nudge-card__add:active{transform:translateY(1px)}
.nudge-sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.nudge-carousel-modal{position:fixed;left:var(--nudge-vx,0);top:var(--nudge-vy,0);width:var(--nudge-vw,100%);height:var(--nudge-vh,100%);
z-index:2147483647;display:flex;align-items:center;justify-content:center;padding:24px;overflow-y:auto;
overscroll-behavior:contain;background:var(--_backdrop);animation:nudge-fade .2s ease-out}
.nudge-carousel-modal__card{position:relative;width:100%;max-width:900px;margin:auto;border-radius:var(--_radius);
background:var(--_surface);box-shadow:0 0 0 1px var(--_line),0 24px 64px -12px rgba(0,0,0,.45);animation:nudge-pop .32s cubic-bezier(.2,.9,.3,1.1)}
.nudge-carousel-modal__card .nudge-carousel{padding-top:28px;box-shadow:none;background:none}
.nudge-carousel-modal__card .nudge-carousel__head{padding-inline-end:calc(var(--_pad) + 44px)}
.nudge-carousel-modal__close{position:absolute;top:14px;inset-inline-end:14px;display:grid;place-items:center;
width:38px;height:38px;border-radius:999px;color:var(--_text);transition:background-color .15s}
.nudge-carousel-modal__close:hover{background:color-mix(in srgb,var(--_text) 8%,transparent)}
@media (max-width:599.98px){
.nudge-carousel{--_card:148px;--_pad:16px;padding:16px 0 18px}
.nudge-carousel__title{font-size:18px}
.nudge-carousel__track{gap:12px}
.nudge-card__name{font-size:14px}
.nudge-carousel-modal{align-items:flex-end;padding:0}
.nudge-carousel-modal__card .nudge-carousel__head{padding-inline-end:calc(var(--_pad) + 36px)}
.nudge-carousel-modal__card{max-width:none;margin:auto 0 0;border-radius:var(--_radius) var(--_radius) 0 0;
padding-bottom:env(safe-area-inset-bottom);animation:nudge-up .34s cubic-bezier(.2,.9,.3,1)}}
@media (max-width:599.98px) and (pointer:coarse){.nudge-carousel__arrows{display:none}}
@media (prefers-color-scheme:dark){.nudge-carousel{--_sale:var(--nudge-sale,#fca5a5)}
.nudge-card__badge{color:#1c1c22}
.nudge-carousel-modal__card{box-shadow:0 0 0 1px var(--_line),0 24px 64px -12px rgba(0,0,0,.8)}}
@media (prefers-reduced-motion:reduce){.nudge-carousel__track{scroll-behavior:auto}}
@keyframes nudge-fade{from{opacity:0}}
@keyframes nudge-pop{from{opacity:0;transform:translateY(12px) scale(.97)}}
@keyframes nudge-up{from{transform:translateY(100%)}}
`;
