import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, notFound, unauthorized } from './api-error';
import { errorResult, type ApiDispatcher, type DispatchResult } from './api-dispatcher';
import type { FileStore } from './file-store';
import { parseParams, readBody } from './request-body';

const API_PATH = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

export interface HttpRoutes {
  readonly token: string;
  readonly dispatcher: ApiDispatcher;
  readonly files: FileStore;
}

/** The HTTP face of the fake: api.telegram.org's routes on 127.0.0.1 and an ephemeral port. */
export class FakeHttpServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly active: Set<ServerResponse>,
  ) {}

  static async listen(routes: HttpRoutes): Promise<FakeHttpServer> {
    const active = new Set<ServerResponse>();
    const server = createServer((req, res) => {
      active.add(res);
      res.on('close', () => active.delete(res));
      handle(routes, req, res).catch((error: unknown) => {
        send(res, errorResult(new ApiError(500, `Internal Server Error: ${String(error)}`)));
      });
    });
    // Clients keep connections alive, as with Telegram. Node's agent does not reuse a socket whose
    // server hint (Keep-Alive: timeout=N) is 1 s or less; close() ends idle sockets anyway.
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new FakeHttpServer(server, `http://127.0.0.1:${port}`, active);
  }

  /** Stops accepting, lets responses being written (e.g. released long polls) finish, then closes. */
  async close(graceMs = 1000): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = Date.now() + graceMs;
    while (this.active.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    this.server.closeAllConnections();
    await closed;
  }
}

async function handle(routes: HttpRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const file = FILE_PATH.exec(url.pathname);
  if (file) return sendFile(routes, file[1] ?? '', decodeURIComponent(file[2] ?? ''), res);
  const api = API_PATH.exec(url.pathname);
  if (!api) return send(res, errorResult(notFound()));
  const method = api[2] ?? '';
  if (api[1] !== routes.token) return send(res, routes.dispatcher.reject(method, unauthorized()));
  let result: DispatchResult;
  try {
    const body = await readBody(req);
    const params = parseParams(req.headers['content-type'], body, url.searchParams);
    result = await routes.dispatcher.call(method, params, 'http', method.toLowerCase() === 'getupdates' ? abortedOnDisconnect(res) : NEVER_ABORTED);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    result = routes.dispatcher.reject(method, error);
  }
  send(res, result);
}

/** The signal of calls that do not wait: only a long poll has anything to stop when its client goes away. */
const NEVER_ABORTED = new AbortController().signal;

/** Aborted when the client disconnects, so a cancelled long poll stops waiting. */
function abortedOnDisconnect(res: ServerResponse): AbortSignal {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return abort.signal;
}

function sendFile(routes: HttpRoutes, token: string, filePath: string, res: ServerResponse): void {
  if (token !== routes.token) return send(res, errorResult(unauthorized()));
  const file = routes.files.getByPath(filePath);
  if (!file) return send(res, errorResult(notFound()));
  const content = routes.files.content(file);
  res.writeHead(200, {
    'content-type': file.mimeType ?? 'application/octet-stream',
    'content-length': content.length,
  });
  res.end(content);
}

function send(res: ServerResponse, result: DispatchResult): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(result.body);
  res.writeHead(result.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
