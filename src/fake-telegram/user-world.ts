import type { TgUpdate } from './bot-api-types';
import type { CallbackAnswer } from './callback-queries';
import type { WaitOptions } from './change-signal';
import type { FakeContext } from './fake-context';

/** What a simulated user needs from the fake: its state and a way to emit updates. */
export interface UserWorld {
  readonly ctx: FakeContext;
  /** Assigns the next update_id and hands the update to getUpdates or the webhook. */
  deliver(update: Omit<TgUpdate, 'update_id'>): TgUpdate;
  waitForCallbackAnswer(queryId: string, options?: WaitOptions): Promise<CallbackAnswer>;
}
