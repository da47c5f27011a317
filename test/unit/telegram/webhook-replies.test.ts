import { WebhookReplies, type WebhookCall } from '../../../src/telegram/webhook-replies';

const answer: WebhookCall = { method: 'answerCallbackQuery', callback_query_id: 'q1' };

describe('WebhookReplies', () => {
  test('a call deferred while the update is handled comes back for the response, and is not sent', async () => {
    const replies = new WebhookReplies();
    const update = { update_id: 1 };
    const sent: string[] = [];
    const call = await replies.handle(update, async () => {
      expect(replies.defer(update, answer, async () => sent.push('api'))).toBe(true);
    });
    expect(call).toEqual(answer);
    expect(sent).toEqual([]);
  });

  test('nothing deferred: the response carries nothing', async () => {
    const replies = new WebhookReplies();
    await expect(replies.handle({ update_id: 2 }, async () => undefined)).resolves.toBeUndefined();
  });

  test('an update that did not come on the webhook, or is done with, cannot defer: the caller sends', async () => {
    const replies = new WebhookReplies();
    const polled = { update_id: 3 };
    expect(replies.defer(polled, answer, async () => undefined)).toBe(false);
    const handled = { update_id: 4 };
    await replies.handle(handled, async () => undefined);
    expect(replies.defer(handled, answer, async () => undefined)).toBe(false);
  });

  test('one call per response: a second one is refused', async () => {
    const replies = new WebhookReplies();
    const update = { update_id: 5 };
    const results: boolean[] = [];
    const call = await replies.handle(update, async () => {
      results.push(replies.defer(update, answer, async () => undefined));
      results.push(replies.defer(update, { method: 'sendMessage', chat_id: 1, text: 'x' }, async () => undefined));
    });
    expect(results).toEqual([true, false]);
    expect(call).toEqual(answer);
  });

  test('handling that outlasts maxDelayMs sends the call through the API, and the response carries nothing', async () => {
    const replies = new WebhookReplies({ maxDelayMs: 20 });
    const update = { update_id: 6 };
    const sent: string[] = [];
    const call = await replies.handle(update, async () => {
      replies.defer(update, answer, async () => sent.push('api'));
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(sent).toEqual(['api']);
    });
    expect(call).toBeUndefined();
    expect(sent).toEqual(['api']);
  });

  test('handling that fails sends the deferred call through the API, then fails as it did', async () => {
    const replies = new WebhookReplies();
    const update = { update_id: 7 };
    const sent: string[] = [];
    const failure = new Error('database down');
    await expect(
      replies.handle(update, async () => {
        replies.defer(update, answer, async () => sent.push('api'));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(sent).toEqual(['api']);
  });

  test('a failing API send after a failed handling does not hide the handling error', async () => {
    const replies = new WebhookReplies();
    const update = { update_id: 8 };
    const failure = new Error('handler');
    await expect(
      replies.handle(update, async () => {
        replies.defer(update, answer, () => Promise.reject(new Error('api down')));
        throw failure;
      }),
    ).rejects.toBe(failure);
  });
});
