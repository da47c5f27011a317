import type { DeskContext } from '../../../src/bot/context';
import { perChatOrder } from '../../../src/bot/middlewares/chat-order';

function ctxFor(chatId: number): DeskContext {
  return { chat: { id: chatId, type: 'private', first_name: 'x' } } as unknown as DeskContext;
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('perChatOrder', () => {
  test('updates of one chat run one after another, in arrival order, even when the first is slow', async () => {
    const middleware = perChatOrder();
    const log: string[] = [];
    const handle = (chat: number, name: string, ms: number): Promise<unknown> =>
      Promise.resolve(
        middleware(ctxFor(chat), async () => {
          log.push(`start ${name}`);
          await tick(ms);
          log.push(`end ${name}`);
        }),
      );
    await Promise.all([handle(1, 'a1', 30), handle(1, 'a2', 1), handle(1, 'a3', 1)]);
    expect(log).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });

  test('different chats run concurrently', async () => {
    const middleware = perChatOrder();
    const log: string[] = [];
    const handle = (chat: number, name: string, ms: number): Promise<unknown> =>
      Promise.resolve(
        middleware(ctxFor(chat), async () => {
          log.push(`start ${name}`);
          await tick(ms);
          log.push(`end ${name}`);
        }),
      );
    await Promise.all([handle(1, 'a', 30), handle(2, 'b', 1)]);
    expect(log.indexOf('end b')).toBeLessThan(log.indexOf('end a'));
  });

  test('a failing update does not block the chat', async () => {
    const middleware = perChatOrder();
    const failing = Promise.resolve(middleware(ctxFor(1), () => Promise.reject(new Error('boom'))));
    let ran = false;
    const next = Promise.resolve(middleware(ctxFor(1), async () => {
      ran = true;
    }));
    await expect(failing).rejects.toThrow('boom');
    await next;
    expect(ran).toBe(true);
  });
});
