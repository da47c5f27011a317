import { Telegraf } from 'telegraf';
import { FakeTelegram, launchBot, type ApiResponseBody, type TgUpdate } from '../../src/fake-telegram';

/** Forum topics in the fake Bot API (src/fake-telegram/forum.ts), as Telegram defines them. */

let fake: FakeTelegram;

beforeEach(async () => {
  fake = await FakeTelegram.start();
});

afterEach(async () => {
  await fake.stop();
});

interface RawResponse {
  status: number;
  body: ApiResponseBody;
}

async function api(method: string, body: Record<string, unknown> = {}): Promise<RawResponse> {
  const res = await fetch(`${fake.url}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ApiResponseBody };
}

function ok<T>(response: RawResponse): T {
  if (!response.body.ok) throw new Error(`expected ok, got ${response.status} ${response.body.description}`);
  return response.body.result as T;
}

function error(response: RawResponse): string {
  if (response.body.ok) throw new Error('expected an error');
  return `${response.status} ${response.body.description}`;
}

interface Topic {
  message_thread_id: number;
  name: string;
  icon_color: number;
}

describe('forum topics in the fake Bot API', () => {
  it('createForumTopic returns a ForumTopic whose thread id is its forum_topic_created service message', async () => {
    const forum = fake.forum({ title: 'Support team' });
    const topic = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '№1 · Clinic · Report', icon_color: 0xffd67e }));
    expect(topic).toEqual({ message_thread_id: expect.any(Number), name: '№1 · Clinic · Report', icon_color: 0xffd67e });
    const service = fake.message(forum.id, topic.message_thread_id);
    expect(service?.message.forum_topic_created).toEqual({ name: '№1 · Clinic · Report', icon_color: 0xffd67e });
    expect(service?.message.is_topic_message).toBe(true);
    expect(fake.topics(forum.id)).toEqual([expect.objectContaining({ name: '№1 · Clinic · Report', closed: false })]);
    // Default colour is the first of the six.
    expect(ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: 'B' })).icon_color).toBe(0x6fb9f0);
  });

  it('checks the name (1–128 characters), the colour, the chat and the rights', async () => {
    const forum = fake.forum({ title: 'Support team' });
    expect(error(await api('createForumTopic', { chat_id: forum.id, name: '' }))).toBe('400 Bad Request: TOPIC_NAME_EMPTY');
    expect(error(await api('createForumTopic', { chat_id: forum.id, name: 'x'.repeat(129) }))).toBe('400 Bad Request: TOPIC_NAME_INVALID');
    ok(await api('createForumTopic', { chat_id: forum.id, name: 'я'.repeat(128) }));
    expect(error(await api('createForumTopic', { chat_id: forum.id, name: 'A', icon_color: 123 }))).toBe('400 Bad Request: TOPIC_ICON_COLOR_INVALID');
    const plain = fake.group({ title: 'Plain group' });
    expect(error(await api('createForumTopic', { chat_id: plain.id, name: 'A' }))).toBe('400 Bad Request: the chat is not a forum');
    const member = fake.forum({ title: 'No rights', botRights: { status: 'member' } });
    expect(error(await api('createForumTopic', { chat_id: member.id, name: 'A' }))).toBe('400 Bad Request: not enough rights to create a topic');
    const adminWithout = fake.forum({ title: 'Admin without topics', botRights: { status: 'administrator', can_manage_topics: false } });
    expect(error(await api('createForumTopic', { chat_id: adminWithout.id, name: 'A' }))).toBe('400 Bad Request: not enough rights to create a topic');
    const member2 = ok<{ status: string; can_manage_topics?: boolean }>(await api('getChatMember', { chat_id: adminWithout.id, user_id: fake.botInfo.id }));
    expect(member2).toMatchObject({ status: 'administrator', can_manage_topics: false });
  });

  it('edits, closes and reopens a topic with service messages; TOPIC_NOT_MODIFIED when nothing changes', async () => {
    const forum = fake.forum({ title: 'Support team' });
    const { message_thread_id: thread } = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '🆕 №1' }));
    expect(ok(await api('editForumTopic', { chat_id: forum.id, message_thread_id: thread, name: '✅ №1' }))).toBe(true);
    expect(error(await api('editForumTopic', { chat_id: forum.id, message_thread_id: thread, name: '✅ №1' }))).toBe('400 Bad Request: TOPIC_NOT_MODIFIED');
    expect(error(await api('editForumTopic', { chat_id: forum.id, message_thread_id: 999, name: 'x' }))).toBe('400 Bad Request: message thread not found');
    expect(ok(await api('closeForumTopic', { chat_id: forum.id, message_thread_id: thread }))).toBe(true);
    expect(error(await api('closeForumTopic', { chat_id: forum.id, message_thread_id: thread }))).toBe('400 Bad Request: TOPIC_NOT_MODIFIED');
    const service = fake.transcript(forum.id).map((m) => Object.keys(m.message).find((k) => k.startsWith('forum_topic_')));
    expect(service).toEqual(['forum_topic_created', 'forum_topic_edited', 'forum_topic_closed']);
    expect(fake.topics(forum.id)[0]).toMatchObject({ name: '✅ №1', closed: true });
    ok(await api('reopenForumTopic', { chat_id: forum.id, message_thread_id: thread }));
    expect(fake.topics(forum.id)[0]?.closed).toBe(false);
  });

  it('sends into a topic with message_thread_id; unknown thread and closed topic are refused like Telegram', async () => {
    const forum = fake.forum({ title: 'Support team' });
    const { message_thread_id: thread } = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '№1' }));
    const sent = ok<{ message_id: number; message_thread_id?: number; is_topic_message?: boolean }>(
      await api('sendMessage', { chat_id: forum.id, message_thread_id: thread, text: 'card' }),
    );
    expect(sent).toMatchObject({ message_thread_id: thread, is_topic_message: true });
    expect(fake.message(forum.id, sent.message_id)?.message.message_thread_id).toBe(thread);
    expect(error(await api('sendMessage', { chat_id: forum.id, message_thread_id: 4242, text: 'x' }))).toBe('400 Bad Request: message thread not found');
    const plain = fake.group({ title: 'Plain' });
    expect(error(await api('sendMessage', { chat_id: plain.id, message_thread_id: 5, text: 'x' }))).toBe('400 Bad Request: message thread not found');
    ok(await api('closeForumTopic', { chat_id: forum.id, message_thread_id: thread }));
    expect(error(await api('sendMessage', { chat_id: forum.id, message_thread_id: thread, text: 'x' }))).toBe('400 Bad Request: TOPIC_CLOSED');
    // A reply to a message in a topic goes into that topic, even without message_thread_id.
    const other = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '№3' }));
    const inOther = ok<{ message_id: number }>(await api('sendMessage', { chat_id: forum.id, message_thread_id: other.message_thread_id, text: 'q' }));
    const reply = ok<{ message_thread_id?: number }>(await api('sendMessage', { chat_id: forum.id, text: 'a', reply_parameters: { message_id: inOther.message_id } }));
    expect(reply.message_thread_id).toBe(other.message_thread_id);
    // Without a thread the message goes to the General topic.
    expect(ok<{ message_thread_id?: number }>(await api('sendMessage', { chat_id: forum.id, text: 'general' })).message_thread_id).toBeUndefined();
  });

  it('an album and a copy sent into a topic are topic messages too', async () => {
    const forum = fake.forum({ title: 'Support team' });
    const { message_thread_id: thread } = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '№2' }));
    const source = ok<{ message_id: number }>(await api('sendMessage', { chat_id: forum.id, text: 'in General' }));
    const copy = ok<{ message_id: number }>(await api('copyMessage', { chat_id: forum.id, from_chat_id: forum.id, message_id: source.message_id, message_thread_id: thread }));
    expect(fake.message(forum.id, copy.message_id)?.message).toMatchObject({ message_thread_id: thread, is_topic_message: true });
    const user = fake.user({ id: 9_100_000_002, first_name: 'Olga' });
    const photo = (await user.sendPhoto(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'))).message.photo!.at(-1)!.file_id;
    const album = ok<Array<{ message_thread_id?: number }>>(
      await api('sendMediaGroup', { chat_id: forum.id, message_thread_id: thread, media: [{ type: 'photo', media: photo }, { type: 'photo', media: photo }] }),
    );
    expect(album.map((m) => m.message_thread_id)).toEqual([thread, thread]);
  });

  it('a user writing in a topic: the update carries message_thread_id, is_topic_message and the topic as reply target', async () => {
    const forum = fake.forum({ title: 'Support team' });
    const { message_thread_id: thread } = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '№1' }));
    const user = fake.user({ id: 9_100_000_001, first_name: 'Egor' }).inTopic(forum, thread);
    const seen: TgUpdate[] = [];
    const bot = new Telegraf(fake.token, fake.telegrafOptions());
    bot.on('message', (ctx) => {
      seen.push(ctx.update as unknown as TgUpdate);
    });
    const running = await launchBot(bot, fake);
    try {
      await user.send('internal remark');
      await fake.waitUntil(() => (seen.length > 0 ? true : undefined), 'the update');
      const message = seen[0]?.message;
      expect(message).toMatchObject({ message_thread_id: thread, is_topic_message: true, chat: { id: forum.id, is_forum: true } });
      expect(message?.reply_to_message?.forum_topic_created).toEqual({ name: '№1', icon_color: 0x6fb9f0 });
    } finally {
      await running.stop();
    }
  });

  it('the group limit: 20 messages a minute to one group, then 429 with retry_after', async () => {
    fake.enforceRateLimits();
    const forum = fake.forum({ title: 'Support team' });
    const { message_thread_id: thread } = ok<Topic>(await api('createForumTopic', { chat_id: forum.id, name: '№1' }));
    for (let i = 0; i < 20; i++) ok(await api('sendMessage', { chat_id: forum.id, message_thread_id: thread, text: `m${i}` }));
    const limited = await api('sendMessage', { chat_id: forum.id, message_thread_id: thread, text: 'one too many' });
    expect(limited.status).toBe(429);
    expect(limited.body.ok ? undefined : limited.body.parameters?.retry_after).toBeGreaterThanOrEqual(1);
  });
});
