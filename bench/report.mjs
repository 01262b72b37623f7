// Formatting: the benchmark's markdown tables and the goals, from the measured numbers only.
const KIB = 1024;
const int = (n) => (n === undefined ? "n/a" : Math.round(n).toLocaleString("en-US"));
const fix = (n, d = 1) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(d));
const times = (n) => (n === undefined ? "n/a" : `${n >= 10 ? n.toFixed(0) : n.toFixed(1)}×`);

function table(head, rows, align) {
  const sep = head.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [head, sep, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function bytesTable(bytes) {
  const rows = [];
  const notes = new Map();
  for (const r of bytes.rows) {
    rows.push([`**${r.row}**`, r.nudge.name, int(r.nudge.raw), int(r.nudge.gzip), int(r.nudge.brotli), "1×"]);
    for (const p of r.peers) {
      if (p.missing) {
        notes.set(p.note, [...(notes.get(p.note) ?? []), p.name]);
        rows.push(["", p.name, "n/a", "n/a", "n/a", "n/a¹"]);
      } else rows.push(["", p.name, int(p.raw), int(p.gzip), int(p.brotli), times(p.brotli / r.nudge.brotli)]);
    }
  }
  const f = bytes.floor;
  rows.push(["**floor**", f.name, int(f.raw), int(f.gzip), int(f.brotli), "—"]);
  const v = bytes.versions;
  const text = table(["what the page pays", "bundle", "minified", "gzip", "brotli", "× Nudge (brotli)"], rows, ["l", "l", "r", "r", "r", "r"]);
  const noteText = [...notes].map(([note, names]) => `${[...new Set(names)].join(", ")}: ${note}`).join("; ");
  return `${text}\n\n¹ ${noteText}.\nPeers as published on npm: posthog-js ${v["posthog-js"]}, @growthbook/growthbook ${v["@growthbook/growthbook"]}, @formbricks/js ${v["@formbricks/js"]}, preact ${v.preact}; a file not shipped minified is minified with terser first. Each file compressed on its own (gzip -9, brotli 11).`;
}

/** Nudge's rows of the rule-evaluation table: `$event` (its real path) and windows precomputed. */
export function nudgeRows(rules) {
  return { event: rules.rows.find((r) => r.nudge === "event"), precomputed: rules.rows.find((r) => r.nudge === "precomputed") };
}

function windowCountNote(mismatches, total) {
  return mismatches.length
    ? `**differ** from what \`$event\` counts for ${mismatches.length} of ${total} event × window pairs (${mismatches.join("; ")})`
    : `equal what \`$event\` counts for all ${total} event × window pairs`;
}

export function rulesTable(rules) {
  const { event } = nudgeRows(rules);
  const rows = rules.rows.map((r) => [r.name, r.how, fix(r.medianUs), int(1e6 / r.medianUs), `±${fix(r.rme)}%`, times(r.medianUs / event.medianUs)]);
  const text = table(["engine", "how it is called", "µs per visitor (all 200 rules, median)", "visitors/s", "rme", "time × Nudge `$event`"], rows, ["l", "l", "r", "r", "r", "r"]);
  return `${text}\n\nWorkload bench/workload.json: ${rules.events} events, ${rules.rules} rules, ${rules.conditions} conditions, ${rules.eventConditions} of them event windows ("event X at least N times in the last D days", D whole local days with today, as \`$event\` counts); ${rules.passing} rules pass. Agreement before timing: **${rules.mismatches} mismatches** (every engine × every rule, same boolean), ${rules.refereeMismatches} against a plain-JS referee; the precomputed window counts ${windowCountNote(rules.windowCountMismatches, rules.windowCounts)}. **Nudge, \`$event\`** is Nudge's real path: windows written as \`$event\`, read from the facts \`buildFacts\` derives from a profile that recorded the visitor's events. **Nudge, windows precomputed** and the peers read one facts document from a scan of the raw events, windows as \`recent.<name>.d<days>\` tested with \`$gte\` (identical inputs). Facts are built outside the timing in every row.`;
}

export function growthTable(growth) {
  const sizes = [...new Set(growth.results.map((r) => r.size))];
  const get = (size, prefix) => growth.results.find((r) => r.size === size && r.name.startsWith(prefix));
  const rows = sizes.map((size) => {
    const e = get(size, "Nudge: ");
    const a = get(size, "Nudge A");
    const b = get(size, "Nudge B");
    const g = get(size, "GrowthBook");
    return [
      int(size),
      fix(e.medianUs),
      fix(a.medianUs),
      fix(b.medianUs),
      fix(g.medianUs),
      times(g.medianUs / e.medianUs),
      `${e.passing}`,
      `${e.eventMismatches} / ${e.mismatches}`,
    ];
  });
  const text = table(
    ["events in history", "Nudge `$event` µs", "Nudge A µs", "Nudge B µs", "GrowthBook µs", "GrowthBook ÷ Nudge `$event`", "rules passing", "≠ GrowthBook (`$event` / A)"],
    rows,
    ["r", "r", "r", "r", "r", "r", "r", "r"],
  );
  const counts = growth.results.filter((r) => r.name.startsWith("Nudge: ") && r.windowCountMismatches.length);
  const countNote = counts.length
    ? ` Precomputed window counts differing from \`$event\`'s: ${counts.map((r) => `${int(r.size)} events: ${r.windowCountMismatches.join("; ")}`).join(" / ")}.`
    : "";
  return `${text}\n\nMedian µs for one decision: facts + all 200 rules. The profile is kept by \`recordEvent\`/\`recordPageView\` as events are tracked (replayed outside the timing). **Nudge \`$event\`**: Nudge's real path; timed: \`buildFacts\` + 200 compiled conditions, windows as \`$event\` over the profile's bounded event history. **Nudge A**: the same with the windows as precomputed facts (computed outside the timing). **Nudge B**: A plus those counts computed inside the timing by scanning the raw event list. **GrowthBook**: facts from a straightforward scan of the raw event list, then \`evalCondition\` ×200. Visitors differ by size, and so do the rules that pass and the conditions evaluated before a rule's first false one: \`$event\` is evaluated ${growth.results
    .filter((r) => r.name.startsWith("Nudge: "))
    .map((r) => r.windowsReached)
    .join(" / ")} times for ${sizes.map(int).join(" / ")} events, which weighs on the \`$event\` row more than on the others.${countNote}`;
}

export function browserTables(browser) {
  const order = ["blank", "nudge", "nudge-repeat", "growthbook", "posthog"];
  const rows = order.map((k) => {
    const s = browser.summary[k];
    return [
      s.label,
      k === "blank" ? "—" : fix(s.readyAtMs, 0),
      fix(s.scriptMs),
      fix(s.taskMs, 0),
      int(s.heapKB),
      `${s.longtasks}${s.longtasks ? ` (longest ${int(s.longestTaskMs)} ms)` : ""}`,
      `${s.requests.length}`,
      s.ready === s.runs ? `${s.ready}/${s.runs}` : `**${s.ready}/${s.runs}**`,
    ];
  });
  const init = table(["page", "ready at ms", "ScriptDuration ms", "TaskDuration ms", "JS heap KB", "long tasks (all runs)", "requests", "ready"], rows, [
    "l",
    "r",
    "r",
    "r",
    "r",
    "l",
    "r",
    "r",
  ]);
  const c = browser.shows.cold;
  const w = browser.shows.warm;
  const showRows = [
    [
      "cold: first show() (popup + renderer + Preact chunks fetched)",
      `${c.n}/${c.of}`,
      fix(c.toShownMs),
      fix(c.toFrameMs),
      fix(c.fcpMs),
      fix(c.fcpPresentedMs),
      `${c.longtasks.length}`,
    ],
    [
      "cold, prefers-reduced-motion: reduce (no fade-in)",
      `${browser.shows.coldReduced.n}/${browser.shows.coldReduced.of}`,
      fix(browser.shows.coldReduced.toShownMs),
      fix(browser.shows.coldReduced.toFrameMs),
      fix(browser.shows.coldReduced.fcpMs),
      fix(browser.shows.coldReduced.fcpPresentedMs),
      `${browser.shows.coldReduced.longtasks.length}`,
    ],
    ["warm: show() again after hide()", `${w.n}/${w.of}`, fix(w.toShownMs), fix(w.toFrameMs), "—", "—", `${w.longtasks.length}`],
  ];
  const shows = table(["trigger → popup", "shown", "→ `shown` event ms", "→ frame rendered ms", "→ FCP paintTime ms", "→ FCP presentation ms", "long tasks"], showRows, [
    "l",
    "r",
    "r",
    "r",
    "r",
    "r",
    "r",
  ]);
  const errors = order.flatMap((k) => browser.summary[k].errors.map((e) => `${k}: ${e}`));
  return `${init}\n\n"ready at": ms from navigation start to the SDK's ready signal. Medians over ${browser.runs} page loads each, a fresh browser context per load, SDKs interleaved; CDP \`Performance.getMetrics\` read ${browser.settleMs} ms after the SDK reported ready (Nudge: \`nudge.ready\`; GrowthBook: its \`growthbookdata\` event; PostHog: \`loaded\`), after a forced GC. "repeat view" reuses the first visit's storage (IndexedDB/localStorage). Requests not for 127.0.0.1 aborted: ${browser.blocked.length}${browser.blocked.length ? ` (${browser.blocked.slice(0, 3).join(", ")})` : ""}.${errors.length ? ` Page errors: ${errors.join("; ")}.` : ""}\n\n${shows}\n\nMeasured in the page with \`performance.now()\`: from just before \`nudge.show("bench-popup")\` to the \`shown\` event (the widget is mounted in the shadow root), and to the end of the next rendered frame (a \`requestAnimationFrame\` callback, then a \`MessageChannel\` message that runs after that frame's style, layout and paint on the main thread; not the moment pixels reach the screen: headless, no GPU). For the cold show the page has painted nothing before, so \`first-contentful-paint\` is the popup's own first paint: its \`paintTime\` (main thread painted) and its \`startTime\` (presentation, as headless Chromium without a GPU reports it). The popup fades in (opacity from 0 over 0.2–0.32 s), so the first frame that holds it is nearly transparent and Chromium records first-contentful-paint later; the reduced-motion row shows the same without the animation. Element Timing needs an \`elementtiming\` attribute the widget does not set, so it is not used. Medians over ${c.of} cold and ${w.of} warm shows (3 warm shows per page). Long tasks are wall-clock tasks over 50 ms seen by a \`longtask\` PerformanceObserver on the page; on a busy machine other processes stretch them. Chunks come from 127.0.0.1 (no network latency).`;
}

/** Each goal with MET / NOT MET, from the numbers above. */
export function goals({ bytes, rules, growth, browser, triggers }) {
  const out = [];
  const add = (goal, measured, met, note = "") => out.push({ goal, measured, met, note });
  const lr = bytes.loaderRuntime.brotli;
  add("loader + runtime ≤ 10 kB brotli before any widget shows (10,240 B)", `${int(lr)} B`, lr <= 10 * KIB);
  const withPopup = lr + bytes.popup.brotli;
  add("≤ 16 kB brotli with the popup (16,384 B)", `${int(withPopup)} B`, withPopup <= 16 * KIB);
  const losing = [];
  for (const r of bytes.rows) {
    for (const p of r.peers.filter((p) => !p.missing)) {
      for (const key of ["raw", "gzip", "brotli"]) if (p[key] <= r.nudge[key]) losing.push(`${r.row}: ${p.name} ${key} ${int(p[key])} ≤ Nudge ${int(r.nudge[key])}`);
    }
  }
  add(
    "smallest of all peers in every bytes row (minified, gzip and brotli; rows with a measured peer)",
    losing.length ? losing.join("; ") : "smallest in every row",
    losing.length === 0,
    "Preact is the floor, not a peer",
  );
  const { event, precomputed } = nudgeRows(rules);
  const fastest = rules.rows.filter((r) => !r.nudge).reduce((a, b) => (a.medianUs < b.medianUs ? a : b));
  const speedup = fastest.medianUs / event.medianUs;
  add(
    "rule evaluation ≥ 10× the fastest peer engine",
    `${times(speedup)} ${fastest.name} (${fix(fastest.medianUs)} µs vs ${fix(event.medianUs)} µs)`,
    speedup >= 10 && rules.mismatches === 0,
    `Nudge with \`$event\`, its real path; with the windows precomputed as for the peers: ${times(fastest.medianUs / precomputed.medianUs)}`,
  );
  const e = growth.results.filter((r) => r.name.startsWith("Nudge: "));
  const a = growth.results.filter((r) => r.name.startsWith("Nudge A"));
  const first = e[0];
  const last = e[e.length - 1];
  const growthRatio = last.medianUs / first.medianUs;
  add(
    `facts + evaluation flat from ${int(first.size)} to ${int(last.size)} events (≤ 1.5× here)`,
    `${fix(first.medianUs)} → ${fix(last.medianUs)} µs (${fix(growthRatio, 2)}×)`,
    growthRatio <= 1.5 && e.every((r) => r.eventMismatches === 0),
    `buildFacts + 200 rules with \`$event\`, the real path; windows precomputed (Nudge A): ${fix(a[0].medianUs)} → ${fix(a[a.length - 1].medianUs)} µs`,
  );
  const s = browser.summary;
  const nudgeLong =
    s.nudge.longtasks +
    s["nudge-repeat"].longtasks +
    browser.shows.cold.longtasks.length +
    browser.shows.coldReduced.longtasks.length +
    browser.shows.warm.longtasks.length +
    browser.shows.initLongtasks.length;
  const blankLong = s.blank.longtasks;
  add(
    "no long task (> 50 ms) caused by Nudge",
    `${nudgeLong} long task(s) on Nudge's pages (init and shows; longest at init ${int(Math.max(s.nudge.longestTaskMs, s["nudge-repeat"].longestTaskMs))} ms), ${blankLong} on the blank page`,
    nudgeLong === 0,
  );
  const gb = s.growthbook.scriptMs;
  add(
    "main-thread scripting at init below GrowthBook's",
    `Nudge ${fix(s.nudge.scriptMs)} ms first visit, ${fix(s["nudge-repeat"].scriptMs)} ms repeat view; GrowthBook ${fix(gb)} ms`,
    s.nudge.scriptMs < gb && s["nudge-repeat"].scriptMs < gb,
  );
  const warm = browser.shows.warm.toFrameMs;
  add("warm trigger-to-paint within one frame (16.7 ms)", `${fix(warm)} ms median to the rendered frame`, warm !== undefined && warm <= 1000 / 60);
  const table_ = table(
    ["goal", "measured", "result"],
    out.map((g) => [g.goal, g.measured + (g.note ? ` (${g.note})` : ""), g.met ? "MET" : "**NOT MET**"]),
    ["l", "l", "l"],
  );
  const trig = triggers ?? [];
  const exit = trig.some((t) => /exit/i.test(t));
  const triggerNote = `Triggers in this build's rules schema: ${trig.length ? trig.join(", ") : "unknown"}. The trigger measured is \`nudge.show(id)\`. ${exit ? "An exit-intent trigger exists in this build but is not measured by this benchmark yet." : "There is no exit-intent trigger in this build, so exit intent is not measured."} ${trig.includes("event") ? "A tracked-event trigger exists in this build but is not measured by this benchmark yet." : "No trigger fires on a tracked custom event in this build, so `track()` is not measured."}`;
  return { list: out, table: `${table_}\n\n${triggerNote}` };
}

/**
 * The Goals table of issue 17 (the decide core), from one run: bytes from `benchBytes`, CPU per task from
 * `measureCpu` (bench/cpu.mjs: `dist` this build, `base` the --baseline build, at 1× and 4× throttling).
 */
export function decideCoreGoals({ bytes, cpu, load }) {
  const rows = [];
  const add = (goal, measured, met) => rows.push(`| ${goal} | ${measured} | ${met ? "MET" : "**NOT MET**"} |`);
  const core = bytes.loaderRuntime.brotli;
  add("loader + decide core ≤ 10,240 B brotli before any widget shows", `${int(core)} B`, core <= 10 * KIB);
  const popup = core + bytes.popup.brotli;
  add("loader + core + popup ≤ 16,384 B brotli", `${int(popup)} B (${int(core)} + popup ${int(bytes.popup.brotli)})`, popup <= 16 * KIB);
  const d1 = cpu["dist@1x"];
  const d4 = cpu["dist@4x"];
  const b1 = cpu["base@1x"];
  const b4 = cpu["base@4x"];
  add(
    "0 validator bytes fetched for a published file, first visit and after",
    `${int(d4.validatorRequests + d1.validatorRequests)} requests, ${int(d4.validatorBytes + d1.validatorBytes)} B (first visit, repeat view and a popup shown, at 1× and 4×)`,
    d1.validatorBytes + d4.validatorBytes === 0 && d1.validatorRequests + d4.validatorRequests === 0,
  );
  const three = (r) => (r ? `${fix(r.firstVisitLongestMs)} / ${fix(r.repeatViewLongestMs)} / ${fix(r.coldShowLongestMs)} ms` : "n/a");
  const worst4 = Math.max(d4.firstVisitLongestMs, d4.repeatViewLongestMs, d4.coldShowLongestMs);
  add(
    "longest Nudge task ≤ 50 ms CPU at 4× throttling: first visit (published) / repeat view / cold popup show",
    `${three(d4)} (at 1×: ${three(d1)}${b4 ? `; baseline at 4×: ${three(b4)}, at 1×: ${three(b1)}` : ""})`,
    worst4 <= 50,
  );
  if (b1) {
    const ratio = d1.repeatReadyMs / b1.repeatReadyMs;
    add(
      "ready sooner than the baseline on a repeat view (ratio, same run)",
      `${int(d1.repeatReadyMs)} ms vs baseline ${int(b1.repeatReadyMs)} ms at 1× (ratio ${fix(ratio, 2)}); at 4×: ${int(d4.repeatReadyMs)} vs ${int(b4.repeatReadyMs)} ms (ratio ${fix(d4.repeatReadyMs / b4.repeatReadyMs, 2)})`,
      ratio < 1,
    );
  } else add("ready sooner than the baseline on a repeat view (ratio, same run)", "no baseline given (`--baseline <dir with main's dist/>`)", false);
  return (
    ["| goal | measured | result |", "| --- | --- | --- |", ...rows].join("\n") +
    (load === undefined ? "" : `\n\nLoad average ${fix(load, 1)} during the run: CPU figures on this shared machine are rough.`)
  );
}
