import type { MiddlewareFn } from 'telegraf';
import type { DeskContext } from '../context';

/**
 * Telegraf hands a polling batch over concurrently. Updates of one chat must still be handled
 * one after another (a text typed right after pressing a button belongs to the step that
 * button opened; album items arrive as separate updates), while different chats go on in
 * parallel. Each chat keeps a chain of promises; an update waits for the one before it.
 */
export function perChatOrder(): MiddlewareFn<DeskContext> {
  const tails = new Map<number, Promise<void>>();
  return async (ctx, next) => {
    const key = ctx.chat?.id ?? ctx.from?.id;
    if (key === undefined) return next();
    const previous = tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    tails.set(key, tail);
    try {
      await previous;
      await next();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
