import { LANGUAGES } from '../../../src/i18n';
import { AttachmentEntity } from '../../../src/persistence/entities';
import { said, saidStart } from '../support/expect-text';
import { png } from '../support/files';
import { fillCommon } from '../client/wizard-steps';
import { seedTicket } from '../support/tickets';
import { TicketEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

// Issue 13 §3, §5: the media a phone sends — a screen recording, a voice message, a round video
// note — are attachments: acknowledged once per burst in the wizard, refused when too big,
// shown to engineers with their kind and duration and sent back with their own methods.

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

const MB = 1024 * 1024;

describe.each(LANGUAGES)('media as attachments (%s)', (lang) => {
  const t = (key: string, params?: Record<string, string | number>): string => w.world.t(lang, key, params);

  test('a screen recording in the wizard, a voice note and a video note as comments, the engineer’s Attachments', async () => {
    const { world } = w;
    const { user: client } = await world.client(lang);
    const { user: engineer } = await world.staff('engineer', lang);

    // The wizard: a screenshot, then a screen recording right after it — one acknowledgement,
    // edited in place; a recording over the limit is refused by name and size, nothing else lost.
    await fillCommon(world, client, lang, 'problem');
    await client.send(lang === 'ru' ? '1. Открыть кассу\n2. Нажать «Оплата»' : '1. Open the till\n2. Press "Pay"');
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.error_text'));
    await client.press(t('client.new.no_error_message'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.screenshots'));
    await client.sendPhoto(png());
    const ack = await world.fake.waitForMessage(client.id, said(world, lang, 'client.new.file_received', { name: t('client.new.photo'), total: 1 }));
    const recording = await client.sendVideo({ duration: 42, width: 1080, height: 2340, file_name: 'screen.mp4', caption: lang === 'ru' ? 'Вот что происходит' : 'This is what happens' });
    await world.fake.waitUntil(() => (ack.text ?? '') === w.world.t(lang, 'client.new.files_received', { count: 2, total: 2 }), 'the acknowledgement to count 2 files');
    await client.sendVideo({ duration: 600, size: 25 * MB, file_name: 'long.mp4' });
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.new.file_refused.too_large', { name: 'long.mp4', sizeMb: 25, limitMb: 20 }));
    expect(world.fake.calls('editMessageText').filter((c) => c.httpStatus !== 200)).toEqual([]);
    await client.press(t('client.new.done_files'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.summary_title'));
    await client.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.created'));
    const number = Number(/№(\d+)/.exec(created.text ?? '')?.[1]);
    const ticket = await w.ticket(number);
    const files = await w.manager.find(AttachmentEntity, { where: { ticketId: ticket.id }, order: { createdAt: 'ASC', kind: 'ASC' } });
    expect(files.map((f) => [f.kind, f.purpose, f.durationSeconds])).toEqual(
      expect.arrayContaining([
        ['photo', 'screenshot', null],
        ['video', 'other', 42],
      ]),
    );
    expect(files).toHaveLength(2);
    expect(files.find((f) => f.kind === 'video')?.fileUniqueId).toBe(recording.message.video?.file_unique_id);

    // The new-ticket alert carries both as one album: the screenshot and the recording, labelled.
    const videoLabel = t('bot.media.video', { duration: '0:42' });
    await w.wait(engineer, (m) => (m.text ?? '').includes(`№${number}`));
    const albumVideo = await w.wait(engineer, (m) => m.media?.kind === 'video');
    expect(albumVideo.method).toBe('sendMediaGroup');
    expect(albumVideo.caption).toBe(videoLabel);

    // A voice message and a video note, each a Telegram reply to the bot's answer about the ticket.
    await client.sendVoice(7, { replyTo: created });
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.reply.added', { number }));
    const voice = await w.wait(engineer, (m) => m.media?.kind === 'voice');
    expect(voice.method).toBe('sendVoice');
    expect(voice.caption).toBe(t('bot.media.voice', { duration: '0:07' }));
    await client.sendVideoNote({ duration: 9, replyTo: created });
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.reply.added', { number }));
    const note = await w.wait(engineer, (m) => m.media?.kind === 'video_note');
    expect(note.method).toBe('sendVideoNote');

    // The card lists them with kind and duration; Attachments sends each with its own method.
    await world.fake.waitForIdle();
    world.fake.skipMessages(engineer.id);
    const card = await w.card(engineer, number);
    expect(card.text).toContain(videoLabel);
    expect(card.text).toContain(t('bot.media.voice', { duration: '0:07' }));
    expect(card.text).toContain(t('bot.media.video_note', { duration: '0:09' }));
    const before = world.fake.messages(engineer.id).length;
    await engineer.press(t('bot.card.files_button', { count: 4 }), { message: card });
    await w.wait(engineer, w.said(lang, 'engineer.files.title', { number, count: 4 }));
    await w.until(async () => world.fake.messages(engineer.id).length >= before + 5, 'the files to arrive');
    await world.fake.waitForIdle();
    const sent = world.fake.messages(engineer.id).slice(before);
    expect(sent.map((m) => m.method)).toEqual(['sendMessage', 'sendPhoto', 'sendVideo', 'sendVoice', 'sendVideoNote']);
    expect(sent[2]?.caption).toContain(videoLabel);
    expect(sent[3]?.caption).toContain(t('bot.media.voice', { duration: '0:07' }));
    // The engineer answers with a screen recording of their own: the client gets the text, then the video.
    await engineer.press(t('bot.button.cmt'), { message: card });
    await w.wait(engineer, w.said(lang, 'engineer.ask.comment', { number }));
    const howTo = lang === 'ru' ? 'Вот как настроить печать' : 'This is how to set up printing';
    await engineer.sendVideo({ duration: 15, caption: howTo });
    await w.wait(engineer, w.said(lang, 'engineer.comment.sent', { number }));
    await w.wait(client, (m) => (m.text ?? '').includes(howTo));
    const answer = await w.wait(client, (m) => m.media?.kind === 'video');
    expect(answer.method).toBe('sendVideo');
    expect(answer.caption).toBe(t('bot.media.video', { duration: '0:15' }));

    // No call to either of them was refused (no "message is not modified", no wrong file type).
    const ours = new Set([client.id, engineer.id].map(String));
    expect(world.fake.calls().filter((c) => ours.has(String(c.params.chat_id)) && (c.httpStatus ?? 200) >= 400)).toEqual([]);
  });

  test('outside a dialog: a voice message is held and goes onto the waiting ticket with its kind; a too big video is refused; a captioned screen recording starts a new ticket', async () => {
    const { world } = w;
    const m = w.manager;
    const { user: client, row } = await world.client(lang);
    const waiting = await seedTicket(world, row, 'clarification');
    await client.sendVoice(12);
    const offer = await world.fake.waitForMessage(client.id, said(world, lang, 'client.free.one_waiting', { number: waiting.number }));
    await client.press(t('client.free.add_to', { number: waiting.number }), { message: offer });
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.reply.added_moved', { number: waiting.number, state: t('ticket.state.new') }));
    expect((await m.findBy(AttachmentEntity, { ticketId: waiting.id })).map((f) => [f.kind, f.durationSeconds, f.fileName])).toEqual([['voice', 12, null]]);

    await client.sendVideo({ duration: 3600, size: 30 * MB });
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.new.file_refused.too_large', { name: t('bot.media.video', { duration: '1:00:00' }), sizeMb: 30, limitMb: 20 }));

    const caption = lang === 'ru' ? 'Касса зависает при оплате картой, вот запись экрана' : 'The till hangs on card payment, here is a screen recording';
    await client.sendVideo({ duration: 42, caption });
    const second = await world.fake.waitForMessage(client.id, said(world, lang, 'client.free.none_waiting'));
    await client.press(t('client.free.new_ticket'), { message: second });
    await world.fake.waitForMessage(client.id, said(world, lang, 'client.new.prefilled', { files: 1 }));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.category'));
    await client.press(lang === 'ru' ? 'Сопровождение' : 'Support');
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.service'));
    await client.press(lang === 'ru' ? 'Телефонная консультация' : 'Phone consultation');
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.type'));
    await client.press(t('ticket.type.question'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.priority'));
    await client.press(t('ticket.priority.normal'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.subject'));
    await client.send(lang === 'ru' ? 'Касса зависает' : 'The till hangs');
    const description = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.description'));
    await client.press(t('client.new.keep'), { message: description });
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.ask.files'));
    await client.press(t('client.new.done_files'));
    await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.summary_title'));
    await client.press(t('client.new.create'));
    const created = await world.fake.waitForMessage(client.id, saidStart(world, lang, 'client.new.created'));
    const ticket = await m.findOneByOrFail(TicketEntity, { number: Number(/№(\d+)/.exec(created.text ?? '')?.[1]) });
    expect(ticket.description).toBe(caption);
    expect((await m.findBy(AttachmentEntity, { ticketId: ticket.id })).map((f) => [f.kind, f.durationSeconds])).toEqual([['video', 42]]);
  });
});
