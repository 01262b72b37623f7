// A small static server for the examples: `examples/` at `/`, the build at `/dist/`. Loopback only.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
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

/**
 * Starts the server; `routes` can answer some paths itself (tests use it for
 * fault injection). `/collect` is a local collector for the demo shop's measured
 * events (scripts/collector.mjs). Resolves to `{ url, close, collector }`.
 */
export function serve({ port = 0, host = "127.0.0.1", routes = {} } = {}) {
  const collector = createCollector();
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (routes[pathname]) return routes[pathname](req, res);
    if (pathname === "/collect") return collector.handle(req, res);
    if (pathname === "/") {
      res.writeHead(302, { location: "/shop/" }).end();
      return;
    }
    const file = fileFor(pathname);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({ url: `http://${host}:${address.port}`, collector, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = Number(process.env.PORT ?? 8080);
  const { url } = await serve({ port: wanted }).catch(() => serve({ port: 0 }));
  console.log(`Nudge demo shop: ${url}/shop/`);
}
