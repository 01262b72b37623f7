// A small static server for the examples: `examples/` at `/`, the build at `/dist/`. Loopback only.
import { execFileSync } from "node:child_process";
import { createReadStream, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createCollector } from "./collector.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Maps a URL path to a file under examples/ or dist/, refusing anything outside them. */
function fileFor(pathname) {
  const [base, rest] = pathname.startsWith("/dist/") ? ["dist", pathname.slice(6)] : ["examples", pathname.slice(1)];
  const root = join(ROOT, base);
  const file = normalize(join(root, decodeURIComponent(rest)));
  if (!file.startsWith(root)) return undefined;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fileFor(pathname.replace(/\/?$/, "/index.html"));
    return file;
  } catch {
    return undefined;
  }
}

const published = new Map(); // source file → { mtime, file }
/** The rules files served published: the demo shop's (the recipes and the gallery stay as written, for the playground). */
const PUBLISHED = ["/shop/rules.json"];

/**
 * The demo shop's rules file as a site deploys it: published with `nudge build`
 * (at first request, again when the source changes), so the demo shop's visitors never fetch the
 * validator. The file as written is at `?source` (the playground edits that). A file that cannot
 * be published (it has errors) is served as written: the browser then validates it and says why.
 */
function publishedRulesFor(file) {
  const mtime = statSync(file).mtimeMs;
  const known = published.get(file);
  if (known?.mtime === mtime) return known.file;
  const out = join(ROOT, ".tmp/published", file.slice(join(ROOT, "examples").length));
  mkdirSync(dirname(out), { recursive: true });
  try {
    execFileSync(process.execPath, [join(ROOT, "bin/nudge.mjs"), "build", file, "-o", out], { stdio: "pipe" });
  } catch (error) {
    console.warn(`serve: ${file} could not be published, served as written: ${error.stderr?.toString().trim() || error.message}`);
    return file;
  }
  published.set(file, { mtime, file: out });
  return out;
}

/**
 * The real collector (nudge-sdk/collector, from dist/) on an embedded DuckDB file: the demo shop's
 * beacon posts to /collect, its report is at /collector/report/ (and /collector/report.json,
 * /collector/health). The static report demo keeps /report/.
 */
async function duckdbCollector(file) {
  const { createCollector: createRealCollector, createDuckDBStore } = await import(join(ROOT, "dist/esm/collector.js"));
  mkdirSync(dirname(file), { recursive: true });
  const store = await createDuckDBStore({ path: file });
  return createRealCollector({
    store,
    paths: { collect: "/collect", health: "/collector/health", report: "/collector/report/", reportJson: "/collector/report.json" },
    log: (message) => console.warn(`collector: ${message}`),
  });
}

/**
 * Starts the server; `routes` can answer some paths itself (tests use it for
 * fault injection). `/collect` is a local collector for the demo shop's measured
 * events: in memory by default (scripts/collector.mjs: tests read `collector.events()`),
 * or with `eventsDb: file` the real collector over that DuckDB file (`npm start`).
 * Resolves to `{ url, close, collector, real }`.
 */
export async function serve({ port = 0, host = "127.0.0.1", routes = {}, eventsDb } = {}) {
  const collector = createCollector();
  let real; // opened once the port is ours (a failed listen must not leave the DuckDB file locked)
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (routes[pathname]) return routes[pathname](req, res);
    if (real?.handle(req, res)) return;
    if (pathname === "/collect") return collector.handle(req, res);
    if (pathname === "/") {
      res.writeHead(302, { location: "/shop/" }).end();
      return;
    }
    let file = fileFor(pathname);
    if (file && PUBLISHED.includes(pathname) && !new URL(req.url ?? "/", "http://localhost").searchParams.has("source")) file = publishedRulesFor(file);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, async () => {
      const address = server.address();
      if (eventsDb) {
        try {
          real = await duckdbCollector(eventsDb);
        } catch (error) {
          server.close();
          reject(error);
          return;
        }
      }
      const close = async () => {
        await real?.close(); // first: the requests under way finish their writes
        await new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        });
      };
      resolvePromise({ url: `http://${host}:${address.port}`, collector, real, close });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = Number(process.env.PORT ?? 8080);
  const { url } = await serve({ port: wanted }).catch(() => serve({ port: 0 }));
  console.log(`Nudge demo shop: ${url}/shop/`);
}
