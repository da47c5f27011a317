import type { MiddlewareFn } from 'telegraf';
import { markUpdateProcessed } from '../../persistence/repositories/processed-updates';
import type { DeskContext } from '../context';

/**
 * An update delivered twice (Telegram redelivers after a crash before confirmation) acts once:
 * the first delivery records its update_id, any later one stops here. The mark is written
 * before handling, in its own statement — handlers talk to Telegram, and no transaction may
 * wait on Telegram — so an update that crashes mid-way is not retried (at most once).
 */
export function dedupeUpdates(): MiddlewareFn<DeskContext> {
  return async (ctx, next) => {
    const fresh = await markUpdateProcessed(ctx.deps.app.dataSource.manager, ctx.update.update_id, ctx.now);
    if (!fresh) {
      ctx.log.info('duplicate update ignored');
      return;
    }
    await next();
  };
}
