import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

export interface FolderServer {
  /** `http://127.0.0.1:PORT`: each server is an origin of its own. */
  url: string;
  close(): Promise<void>;
}

/**
 * A tiny static server for one folder on 127.0.0.1, the way a shop's plain web host serves a site.
 * `cors: true` adds `Access-Control-Allow-Origin: *` to every answer, as the public npm CDNs do.
 */
export function serveFolder(root: string, { cors = false } = {}): Promise<FolderServer> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    let file = normalize(join(root, path));
    const headers: Record<string, string> = { "cache-control": "no-store", ...(cors ? { "access-control-allow-origin": "*" } : {}) };
    try {
      if (!file.startsWith(root)) throw new Error("outside");
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
