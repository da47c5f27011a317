import { Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { DeskContext } from '../../../src/bot/context';
import { createFeature, inOrder } from '../../../src/bot/feature';

function ctxOf(update: object): DeskContext {
  return new Context(update as never, {} as never, {} as never) as unknown as DeskContext;
}

const textUpdate = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: 'hi' } };
const photoUpdate = { update_id: 2, message: { message_id: 2, date: 0, chat: { id: 1, type: 'private' }, photo: [] } };
const pressUpdate = { update_id: 3, callback_query: { id: 'q', data: 'x', chat_instance: 'c', from: { id: 1 } } };

describe('Feature: middlewares in one flat list', () => {
  test('runs use()d middlewares in order; one that does not call next() ends the chain', async () => {
    const log: string[] = [];
    const feature = createFeature()
      .use((_ctx, next) => {
        log.push('a');
        return next();
      })
      .use(() => {
        log.push('b');
      })
      .use(() => {
        log.push('never');
      });
    const after = jest.fn(() => Promise.resolve());
    await feature.middleware()(ctxOf(textUpdate), after);
    expect(log).toEqual(['a', 'b']);
    expect(after).not.toHaveBeenCalled();
  });

  test("calls the caller's next() after the last middleware, and waits for it", async () => {
    const log: string[] = [];
    const feature = createFeature().use(async (_ctx, next) => {
      log.push('before');
      await next();
      log.push('after');
    });
    await feature.middleware()(ctxOf(textUpdate), async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push('outer next');
    });
    expect(log).toEqual(['before', 'outer next', 'after']);
  });

  test('on() filters by update type, message subtype or type guard, and passes the rest on', async () => {
    const seen: string[] = [];
    const feature = createFeature()
      .on(message('text'), (ctx) => {
        seen.push(`text ${ctx.message.text}`);
      })
      .on('photo', () => {
        seen.push('photo');
      })
      .on('callback_query', () => {
        seen.push('press');
      });
    const fallThrough = jest.fn(() => Promise.resolve());
    for (const update of [textUpdate, photoUpdate, pressUpdate, { update_id: 4, edited_message: textUpdate.message }]) {
      await feature.middleware()(ctxOf(update), fallThrough);
    }
    expect(seen).toEqual(['text hi', 'photo', 'press']);
    expect(fallThrough).toHaveBeenCalledTimes(1);
  });

  test('on() with several handlers runs them in order', async () => {
    const log: string[] = [];
    const feature = createFeature().on(
      'message',
      (_ctx, next) => {
        log.push('first');
        return next();
      },
      () => {
        log.push('second');
      },
    );
    await feature.middleware()(ctxOf(textUpdate), () => Promise.resolve());
    expect(log).toEqual(['first', 'second']);
  });

  test('a feature mounted in another, and features listed together, run as one chain in order', async () => {
    const log: string[] = [];
    const step = (name: string) => (_ctx: DeskContext, next: () => Promise<void>) => {
      log.push(name);
      return next();
    };
    const inner = createFeature().use(step('inner 1'), step('inner 2'));
    const outer = createFeature().use(step('outer 1'), inner, step('outer 2'));
    const last = createFeature().use(step('last'));
    await inOrder([step('first'), outer, last])(ctxOf(textUpdate), () => {
      log.push('end');
      return Promise.resolve();
    });
    expect(log).toEqual(['first', 'outer 1', 'inner 1', 'inner 2', 'outer 2', 'last', 'end']);
  });

  test('a middleware that throws, synchronously or not, rejects the chain', async () => {
    const syncThrow = createFeature().use(() => {
      throw new Error('sync');
    });
    await expect(syncThrow.middleware()(ctxOf(textUpdate), () => Promise.resolve())).rejects.toThrow('sync');
    const asyncThrow = createFeature().use((_ctx, next) => next()).use(async () => {
      throw new Error('async');
    });
    await expect(asyncThrow.middleware()(ctxOf(textUpdate), () => Promise.resolve())).rejects.toThrow('async');
  });

  test('next() called twice is refused, as in telegraf', async () => {
    const feature = createFeature()
      .use(async (_ctx, next) => {
        await next();
        await next();
      })
      .use(() => undefined);
    await expect(feature.middleware()(ctxOf(textUpdate), () => Promise.resolve())).rejects.toThrow('next() called multiple times');
  });
});
