import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { cacheControlFor, COMMON_HEADERS, contentTypeFor } from "./headers.ts";

export interface StaticServerOptions {
  root: string;
  /** Serve the folder under this sub-path (`/archive/`), as a host would. */
  pathPrefix?: string;
  port?: number;
  host?: string;
}

/** nginx's validators, so the preview and deploy/nginx.conf answer a revalidation alike. */
function validators(info: Stats): { etag: string; lastModified: string } {
  const seconds = Math.floor(info.mtimeMs / 1000);
  return { etag: `"${seconds.toString(16)}-${info.size.toString(16)}"`, lastModified: new Date(seconds * 1000).toUTCString() };
}

function notModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const match = req.headers["if-none-match"];
  if (match !== undefined) return match === "*" || match.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
  return req.headers["if-modified-since"] === lastModified;
}

/**
 * A plain static file server with the same headers as the shipped host recipes: the local preview
 * (`npm run serve`) and the server every browser test runs against. No framework needed.
 * Like deploy/nginx.conf: directory addresses serve index.html (and get a trailing slash by 301),
 * unknown addresses and dotfiles get 404.html with status 404, HEAD and conditional GET work.
 */
export async function startStaticServer(options: StaticServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const root = path.resolve(options.root);
  const prefix = `/${(options.pathPrefix ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");

  const send = async (req: IncomingMessage, res: ServerResponse, status: number, file: string, sitePath: string, info: Stats) => {
    const { etag, lastModified } = validators(info);
    res.statusCode = status;
    res.setHeader("Content-Type", contentTypeFor(file));
    res.setHeader("Cache-Control", cacheControlFor(sitePath));
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
    if (status === 200) {
      res.setHeader("ETag", etag);
      res.setHeader("Last-Modified", lastModified);
      if (notModified(req, etag, lastModified)) {
        res.statusCode = 304;
        return res.end();
      }
    }
    res.setHeader("Content-Length", info.size);
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  };

  const notFound = async (req: IncomingMessage, res: ServerResponse) => {
    const file = path.join(root, "404.html");
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) return send(req, res, 404, file, "/404.html", info);
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": cacheControlFor("/404.html"), ...COMMON_HEADERS });
    res.end("Not found");
  };

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD", ...COMMON_HEADERS });
        return res.end();
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", ...COMMON_HEADERS });
        return res.end("Bad request");
      }
      if (`${pathname}/` === prefix) {
        res.writeHead(301, { Location: `${prefix}${url.search}`, "Cache-Control": cacheControlFor(pathname), ...COMMON_HEADERS });
        return res.end();
      }
      if (!pathname.startsWith(prefix)) return await notFound(req, res);
      const sitePath = `/${pathname.slice(prefix.length)}`;
      // Dotfiles (the build's .archive-build state and .archive-cache) are not part of the site.
      if (/\/\.(?!well-known\/)/.test(sitePath)) return await notFound(req, res);
      const file = path.join(root, sitePath);
      if (file !== root && !file.startsWith(root + path.sep)) return await notFound(req, res);
      let target = file;
      let info = await stat(target).catch(() => null);
      if (info?.isDirectory()) {
        if (!sitePath.endsWith("/")) {
          res.writeHead(301, { Location: `${url.pathname}/${url.search}`, "Cache-Control": cacheControlFor(sitePath), ...COMMON_HEADERS });
          return res.end();
        }
        target = path.join(file, "index.html");
        info = await stat(target).catch(() => null);
      }
      if (!info?.isFile()) return await notFound(req, res);
      await send(req, res, 200, target, sitePath, info);
    } catch {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port ?? 0;
  return {
    server,
    url: `http://${host}:${port}${prefix}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
