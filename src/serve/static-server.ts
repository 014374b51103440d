import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { cacheControlFor, contentTypeFor } from "./headers.ts";

export interface StaticServerOptions {
  root: string;
  /** Serve the folder under this sub-path (`/archive/`), as a host would. */
  pathPrefix?: string;
  port?: number;
  host?: string;
}

/**
 * A plain static file server with the same headers as the shipped host recipes: the local preview
 * (`npm run serve`) and the server every browser test runs against. No framework needed.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const root = path.resolve(options.root);
  const prefix = `/${(options.pathPrefix ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  const notFound = async (res: import("node:http").ServerResponse) => {
    const file = path.join(root, "404.html");
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    try {
      await stat(file);
      createReadStream(file).pipe(res);
    } catch {
      res.end("Not found");
    }
  };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      let pathname = decodeURIComponent(url.pathname);
      if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return await notFound(res);
      if (`${pathname}/` === prefix) {
        res.writeHead(301, { Location: prefix });
        return res.end();
      }
      pathname = `/${pathname.slice(prefix.length)}`;
      const file = path.join(root, pathname);
      if (file !== root && !file.startsWith(root + path.sep)) return await notFound(res);
      let target = file;
      let info = await stat(target).catch(() => null);
      if (info?.isDirectory()) {
        if (!url.pathname.endsWith("/")) {
          res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
          return res.end();
        }
        target = path.join(file, "index.html");
        info = await stat(target).catch(() => null);
      }
      if (!info?.isFile()) return await notFound(res);
      res.setHeader("Content-Type", contentTypeFor(target));
      res.setHeader("Cache-Control", cacheControlFor(url.pathname.endsWith("/") ? url.pathname : target));
      res.setHeader("Content-Length", info.size);
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (req.method === "HEAD") return res.end();
      createReadStream(target).pipe(res);
    } catch {
      res.statusCode = 500;
      res.end("Server error");
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port ?? 0;
  return {
    server,
    url: `http://${host}:${port}${prefix}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
