/** The debug panel's stylesheet (adopted into its shadow root: CSP-safe). */
export const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; z-index: 2147483646; width: min(440px, calc(100vw - 16px)); max-height: 60vh;
  display: flex; flex-direction: column; background: #111827; color: #e5e7eb;
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border-radius: 6px;
  box-shadow: 0 4px 16px rgba(0,0,0,.35); }
.panel[data-dock="bottom-left"] { left: 8px; bottom: 8px; }
.panel[data-dock="bottom-right"] { right: 8px; bottom: 8px; }
.panel[data-dock="top-left"] { left: 8px; top: 8px; }
.panel[data-dock="top-right"] { right: 8px; top: 8px; }
.panel.collapsed { width: auto; }
@media (max-width: 520px) { .panel { max-height: 42vh; } }
.bar { display: flex; align-items: center; gap: 6px; }
.toggle { all: unset; cursor: pointer; padding: 6px 10px; font-weight: bold; color: #fbbf24; }
.toggle:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 2px solid #fbbf24; outline-offset: 1px; }
.bar .reset { margin-left: auto; margin-right: 8px; }
.panel.collapsed .body, .panel.collapsed .reset { display: none; }
.body { overflow: auto; padding: 0 10px 10px; }
h2 { font-size: 12px; margin: 8px 0 4px; color: #93c5fd; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 2px 0; }
button { font: inherit; color: #e5e7eb; background: #374151; border: 1px solid #4b5563; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
button:hover { background: #4b5563; }
.widget { border-left: 3px solid #6b7280; padding: 2px 0 4px 8px; margin: 6px 0; }
.widget .head { margin: 0; }
.widget .reasons { color: #d1d5db; padding-left: 8px; }
.widget .reasons li::before { content: "– "; }
.widget .buttons { margin: 4px 0 0; display: flex; gap: 6px; flex-wrap: wrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-weight: bold; color: #111827; background: #9ca3af; }
.showing { border-color: #34d399; } .showing .badge { background: #34d399; }
.ready { border-color: #34d399; } .ready .badge { background: #a7f3d0; }
.waiting { border-color: #fbbf24; } .waiting .badge { background: #fbbf24; }
.blocked { border-color: #f87171; } .blocked .badge { background: #fca5a5; }
.done { border-color: #9ca3af; } .done .badge { background: #d1d5db; }
.search { display: block; margin: 0 0 6px; }
.search input { box-sizing: border-box; width: 100%; font: inherit; color: #e5e7eb; background: #1f2937; border: 1px solid #4b5563; border-radius: 4px; padding: 3px 6px; }
.facts details { margin-left: 10px; }
.facts > details { margin-left: 0; }
.facts summary { cursor: pointer; color: #bfdbfe; }
.facts .leaf { margin-left: 22px; word-break: break-word; }
.facts .key { color: #bfdbfe; }
.facts .value { color: #fde68a; }
.facts .size { color: #9ca3af; }
.facts .about { display: block; color: #9ca3af; font-family: system-ui, sans-serif; font-size: 11px; margin-left: 12px; }
.facts .empty { color: #9ca3af; }
`;
