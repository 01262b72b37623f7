import { spawnSync } from "node:child_process";
import { cpSync, createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../browser/harness.js";

const ROOT = resolve(import.meta.dirname, "../..");

export interface ExampleApp {
  /** The example's copy, with the tarball and its dependencies installed and the Vite build in `dist/`. */
  dir: string;
  /** The build, served on 127.0.0.1. */
  url: string;
  browser: Browser;
  /** Runs a command in the app's folder; never throws. */
  run(command: string, args: string[]): { status: number | null; stdout: string; output: string };
  close(): Promise<void>;
}

function run(command: string, args: string[], cwd: string) {
  const child = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 240_000,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
  });
  return { status: child.status, stdout: child.stdout ?? "", output: `${child.stdout}\n${child.stderr}` };
}

function ok(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.output}`);
  return result.stdout;
}

/**
 * An npm consumer of the packed package: `examples/<name>` copied to a temporary folder installs
 * the tarball (as `nudge-sdk.tgz`) and its own dependencies from the registry, builds with Vite, and
 * the build is served on 127.0.0.1 with a Chromium ready to open it.
 */
export async function buildExample(name: string): Promise<ExampleApp> {
  const tmp = mkdtempSync(join(tmpdir(), `nudge-${name}-`));
  const dir = join(tmp, "app");
  const [info] = JSON.parse(ok("npm", ["pack", "--json", "--pack-destination", tmp], ROOT)) as Array<{ filename: string }>;
  cpSync(join(ROOT, "examples", name), dir, { recursive: true, filter: (source) => !/node_modules|[\\/]dist$/.test(source) });
  cpSync(join(tmp, info.filename), join(dir, "nudge-sdk.tgz"));
  ok("npm", ["install", "--no-package-lock"], dir);
  ok("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], dir);
  const dist = join(dir, "dist");
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = normalize(join(dist, path === "/" ? "index.html" : decodeURIComponent(path)));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    dir,
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    browser,
    run: (command, args) => run(command, args, dir),
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
