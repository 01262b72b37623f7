import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * nudge-sdk/react: React is an optional peer that only this entry imports. The script tag and the
 * main entry (and Preact users) never load a byte of it, and the entry renders on a server.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const REACT = /^react(-dom)?(\/|$)/;

/** `import "x"`, `import … from "x"`, `export … from "x"`; not `import("x")`. */
const staticImports = (code: string) => [...code.matchAll(/\b(?:from|import)\s*(["'])([^"']+)\1/g)].map((m) => m[2]);

/** Every module a file loads before it runs (its static imports, transitively), bare specifiers included. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  for (const specifier of staticImports(readFileSync(file, "utf8"))) {
    if (!specifier.startsWith(".")) {
      seen.add(specifier);
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (seen.has(target)) continue;
    seen.add(target);
    staticGraph(target, seen);
  }
  return seen;
}

describe("nudge-sdk/react and who pays for React", () => {
  it("is an entry of its own, and React and react-dom are optional peer dependencies", () => {
    expect(pkg.exports["./react"]).toEqual({ types: "./dist/types/src/react/index.d.ts", default: "./dist/esm/react.js" });
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(["react", "react-dom"]));
    expect(pkg.peerDependenciesMeta).toEqual({ react: { optional: true }, "react-dom": { optional: true }, "@clickhouse/client": { optional: true }, pg: { optional: true } });
    expect(pkg.dependencies.react).toBeUndefined();
    const imported = [...staticGraph(join(ROOT, "dist/esm/react.js"))].filter((s) => REACT.test(s));
    expect(imported.sort()).toEqual(["react", "react-dom", "react-dom/client"]);
  });

  it("the main entry and every widget entry import no React, statically or lazily", () => {
    const esm = join(ROOT, "dist/esm");
    const files = [
      ...readdirSync(esm)
        .filter((f) => f.endsWith(".js") && f !== "react.js")
        .map((f) => join(esm, f)),
      ...readdirSync(join(esm, "widgets")).map((f) => join(esm, "widgets", f)),
    ];
    for (const file of files) {
      expect(
        [...staticGraph(file)].filter((s) => REACT.test(s)),
        file,
      ).toEqual([]);
    }
    // Lazy chunks too: only react.js names React.
    const chunks = readdirSync(join(esm, "chunks")).map((f) => readFileSync(join(esm, "chunks", f), "utf8"));
    expect(chunks.filter((code) => /from\s*['"]react/.test(code))).toEqual([]);
  });

  it("the script-tag build (loader, runtime, every chunk) holds no React", () => {
    const files = ["nudge.js", "nudge.runtime.js", ...readdirSync(join(ROOT, "dist/chunks")).map((f) => `chunks/${f}`)];
    for (const file of files) {
      const code = readFileSync(join(ROOT, "dist", file), "utf8");
      expect(code, file).not.toMatch(/from\s*["']react|Symbol\.for\("react\.|__CLIENT_INTERNALS_DO_NOT_USE|reactContainer/);
    }
  });

  it("renders on a server: NudgeProvider and useNudge under Node with no DOM", () => {
    const entry = JSON.stringify(pathToFileURL(join(ROOT, "dist/esm/react.js")).href);
    const child = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `
        import { createElement as h } from "react";
        import { renderToString } from "react-dom/server";
        const { NudgeProvider, useNudge } = await import(${entry});
        function Cart() { const nudge = useNudge(); return h("p", null, "cart: " + nudge.facts().cart.count); }
        const html = renderToString(h(NudgeProvider, { options: { rules: { version: 1, widgets: [] } } }, h(Cart)));
        console.log(JSON.stringify({ html, window: typeof window }));
      `,
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout.trim().split("\n").pop()!)).toEqual({ html: "<p>cart: 0</p>", window: "undefined" });
  });
});
