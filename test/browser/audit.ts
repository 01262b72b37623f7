import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page and returns the violations found inside Nudge's widgets
 * (its overlay `nudge-root` and inline `nudge-inline` hosts, shadow roots included).
 * The host page's own problems are not ours and are left out.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const all = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return (result.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      targets: (v.nodes as any[]).map((n) => JSON.stringify(n.target)),
    }));
  });
  return all.map((v) => ({ ...v, targets: v.targets.filter((t) => t.includes("nudge-root") || t.includes("nudge-inline")) })).filter((v) => v.targets.length > 0);
}

/**
 * Starts measuring Cumulative Layout Shift on every page of the context (call before opening
 * pages); read it with {@link layoutShift}. Shifts right after input do not count, as in CLS.
 */
export async function watchLayoutShift(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    (window as any).__cls = 0;
    (window as any).__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        if (entry.hadRecentInput) continue;
        (window as any).__cls += entry.value;
        const nodes = (entry.sources ?? []).map(
          (s: any) => `${s.node?.nodeName ?? "?"}${s.node?.id ? "#" + s.node.id : ""}${s.node?.className ? "." + String(s.node.className).split(" ")[0] : ""}`,
        );
        (window as any).__shifts.push({ value: entry.value, nodes });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Each layout shift on this page so far, with the elements that moved (to find who caused it). */
export async function layoutShifts(page: Page): Promise<Array<{ value: number; nodes: string[] }>> {
  return page.evaluate(() => (window as any).__shifts);
}

/** The layout shift summed on this page so far (0 when nothing moved). */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__cls as number);
}

/**
 * Starts counting layout shift from zero: call it once the host page has settled, so what is
 * measured next (a widget showing) is Nudge's doing and not the page's own loading.
 */
export async function resetLayoutShift(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as any).__cls = 0;
    (window as any).__shifts = [];
  });
}
