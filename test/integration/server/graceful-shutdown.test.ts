import type { Update } from 'telegraf/types';
import { silentLogger } from '../../../src/logger';
import { createOpsServer } from '../../../src/server/http-server';
import { shutdownGracefully } from '../../../src/server/webhook';
import { WEBHOOK_PATH, WEBHOOK_SECRET, http } from './server-fixtures';

const body = (id: number) => JSON.stringify({ update_id: id, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x' } });
const post = (base: string, id: number) =>
  http(`${base}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    body: body(id),
  });

describe('graceful shutdown', () => {
  test('an update in flight is finished and answered 200; then the scheduler and the dispatcher stop, in that order', async () => {
    const handled: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => {
      started = resolve;
    });
    const server = createOpsServer({
      logger: silentLogger(),
      readiness: () => Promise.resolve({ ready: true }),
      webhook: {
        path: WEBHOOK_PATH,
        secret: WEBHOOK_SECRET,
        async handleUpdate(update: Update) {
          started();
          await gate;
          handled.push(update.update_id);
        },
      },
    });
    const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const inFlight = post(base, 1);
    await inHandler;
    expect(server.inFlight).toBe(1);

    const order: string[] = [];
    const stopping = shutdownGracefully({
      intake: { close: () => server.close().then(() => void order.push('intake')) },
      scheduler: { stop: () => Promise.resolve(void order.push('scheduler')) },
      dispatcher: { stop: () => Promise.resolve(void order.push('dispatcher')) },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual([]);
    release();
    await expect(inFlight).resolves.toMatchObject({ status: 200 });
    await stopping;
    expect(handled).toEqual([1]);
    expect(order).toEqual(['intake', 'scheduler', 'dispatcher']);
    await expect(post(base, 2)).rejects.toThrow();
  });
});
