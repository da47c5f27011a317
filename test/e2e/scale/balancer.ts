import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_PATH } from '../../integration/server/server-fixtures';

/**
 * What a load balancer does in front of several instances: each POST goes to the next target
 * (round robin), or — `both` — to every target at once, as when Telegram redelivers an update
 * that an instance was still handling. Answers with the first target's status.
 */
export class Balancer {
  mode: 'round-robin' | 'both' = 'round-robin';
  private next = 0;
  private readonly server: Server;

  constructor(private readonly targets: readonly string[]) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const chosen = this.mode === 'both' ? [...this.targets] : [this.targets[this.next++ % this.targets.length] as string];
        void Promise.all(chosen.map((target) => forward(target, req, body))).then((statuses) => {
          res.statusCode = statuses[0] ?? 502;
          res.end();
        });
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const headers = { ...req.headers, connection: 'close', 'content-length': String(body.length) };
    const out = request(target, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 502));
    });
    out.on('error', () => resolve(502));
    out.end(body);
  });
}
