import { Composer, type Middleware, type MiddlewareFn } from 'telegraf';
import type { CallbackQuery } from 'telegraf/types';
import type { FilteredContext, NarrowedContext } from 'telegraf/typings/context';
import type { Guard, MaybeArray, NonemptyReadonlyArray } from 'telegraf/typings/core/helpers/util';
import type { MessageSubType, MountMap, UpdateType } from 'telegraf/typings/telegram-types';
import type { DeskContext } from './context';
import { callbackOf } from './updates';

/**
 * One feature = one Composer in one file under src/bot/features/, mounted in order by
 * createBot (features/index.ts). A feature handles what it recognises and calls next()
 * for anything else; `unhandled` comes last.
 *
 * Its middlewares run as one flat list. Telegraf's Composer nests a new compose() around the
 * chain at every use()/on()/command() and runs each on() through a promise hop even when its
 * filter does not match: an update that passed the ~150 middlewares before its handler
 * allocated ~120 KB on the way (a quarter of all the bot allocated in the bench) and as many
 * async frames. Here use() appends, a feature mounted in another is spliced in, on() tests its
 * filter synchronously, and the list runs with one small closure per step.
 */
export class Feature extends Composer<DeskContext> {
  private readonly parts: Middleware<DeskContext>[] = [];

  override use(...fns: ReadonlyArray<Middleware<DeskContext>>): this {
    this.parts.push(...fns);
    return this;
  }

  override on<Filter extends UpdateType | Guard<DeskContext['update']>>(
    filters: MaybeArray<Filter>,
    ...fns: NonemptyReadonlyArray<Middleware<FilteredContext<DeskContext, Filter>>>
  ): this;
  override on<Filter extends UpdateType | MessageSubType>(
    filters: MaybeArray<Filter>,
    ...fns: NonemptyReadonlyArray<Middleware<NarrowedContext<DeskContext, MountMap[Filter]>, MountMap[Filter]>>
  ): this;
  override on(filters: MaybeArray<string | Guard<DeskContext['update']>>, ...fns: ReadonlyArray<Middleware<never>>): this {
    const list = Array.isArray(filters) ? filters : [filters];
    // The filter narrows the context to what the handlers were typed for.
    const handler = inOrder(fns as ReadonlyArray<Middleware<DeskContext>>);
    return this.use((ctx, next) => (list.some((filter) => matches(filter, ctx.update)) ? handler(ctx, next) : next()));
  }

  override middleware(): MiddlewareFn<DeskContext> {
    return inOrder(this.parts);
  }

  /** This feature's middlewares, with the features mounted in it spliced in. */
  flat(): MiddlewareFn<DeskContext>[] {
    return this.parts.flatMap((part) => (part instanceof Feature ? part.flat() : [Composer.unwrap(part)]));
  }
}

export function createFeature(): Feature {
  return new Feature();
}

/** Telegraf's on() filter: a type guard, an update type, or a message subtype ('text', 'photo'…). */
function matches(filter: string | Guard<DeskContext['update']>, update: DeskContext['update']): boolean {
  if (typeof filter !== 'string') return filter(update);
  return filter in update || ('message' in update && filter in update.message);
}

/**
 * Runs the middlewares one after another, each given a next() that runs the rest (then the
 * caller's next). A next() called twice is a bug in a middleware, as in telegraf.
 */
export function inOrder(fns: ReadonlyArray<Middleware<DeskContext>>): MiddlewareFn<DeskContext> {
  const list = fns.flatMap((fn) => (fn instanceof Feature ? fn.flat() : [Composer.unwrap(fn)]));
  return (ctx, next) => {
    const run = (i: number): Promise<void> => {
      const middleware = list[i];
      if (middleware === undefined) return next();
      let called = false;
      try {
        const result = middleware(ctx, () => {
          if (called) return Promise.reject(new Error('next() called multiple times'));
          called = true;
          return run(i + 1);
        });
        return result instanceof Promise ? (result as Promise<void>) : Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return run(0);
  };
}

export type CallbackContext = DeskContext & { callbackQuery: CallbackQuery.DataQuery };

/**
 * Handles callback queries `scope:action:args…` (encodeCallback). Anything else — other
 * codes, garbage, forged data that does not parse — goes on to the next middleware.
 */
export function onCallback(
  scope: string,
  action: string,
  handler: (ctx: CallbackContext, args: readonly string[]) => Promise<void>,
): MiddlewareFn<DeskContext> {
  return (ctx, next) => {
    const data = callbackOf(ctx);
    if (!data || data.scope !== scope || data.action !== action) return next();
    return handler(ctx as CallbackContext, data.args);
  };
}
