import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Input, Markup, Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import {
  Descriptions,
  FakeTelegram,
  escapeHtml,
  inlineButtons,
  launchBot,
  parseTelegramHtml,
  stripHtml,
  validateTelegramHtml,
  type ApiResponseBody,
  type FakeUser,
  type TgUpdate,
} from '../../src/fake-telegram';

// ---------------------------------------------------------------------------------------------
// Helpers

let fake: FakeTelegram;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  fake = await FakeTelegram.start();
});

afterEach(async () => {
  // Bots first: a telegraf poller whose server disappeared would retry forever.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake.stop();
});

/** A telegraf client pointed at the fake (not polling). */
function client(): Telegraf {
  return new Telegraf(fake.token, fake.telegrafOptions());
}

async function launch(bot: Telegraf): Promise<void> {
  const running = await launchBot(bot, fake);
  cleanups.push(() => running.stop());
}

interface RawResponse {
  status: number;
  body: ApiResponseBody;
}

/** A Bot API call with plain fetch and a JSON body. */
async function api(method: string, body: Record<string, unknown> = {}): Promise<RawResponse> {
  const res = await fetch(`${fake.url}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ApiResponseBody };
}

function resultOf<T>(response: RawResponse): T {
  if (!response.body.ok) throw new Error(`expected ok, got ${JSON.stringify(response.body)}`);
  return response.body.result as T;
}

/** The Telegram error a telegraf call failed with. */
async function failure(call: Promise<unknown>): Promise<{ code: number; description: string; retryAfter?: number }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TelegramError)) throw error;
    return {
      code: error.code,
      description: error.description,
      ...(error.parameters?.retry_after !== undefined ? { retryAfter: error.parameters.retry_after } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

/** A PNG header claiming 1600x1200: enough for the fake to size the photo. */
function pngHeader(width = 1600, height = 1200): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'ascii');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}

async function download(url: string | URL): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function alice(): FakeUser {
  return fake.user({ id: 1001, first_name: 'Alice & Co', language_code: 'en', username: 'alice' });
}

/** A tiny support bot: /start greets with buttons, Ping answers and edits, text is echoed. */
function supportBot(): Telegraf {
  const bot = client();
  bot.start((ctx) =>
    ctx.reply(`Hello, <b>${escapeHtml(ctx.from.first_name)}</b>! Payload: ${ctx.payload || '-'}`, {
      parse_mode: 'HTML',
      ...Markup.inlineKeyboard([Markup.button.callback('Ping', 'ping'), Markup.button.url('Docs', 'https://example.com/docs')]),
    }),
  );
  bot.action('ping', async (ctx) => {
    await ctx.answerCbQuery('pong');
    await ctx.editMessageText('Pinged', Markup.inlineKeyboard([Markup.button.callback('Again', 'ping')]));
  });
  bot.on(message('text'), (ctx) =>
    ctx.reply(`echo: ${ctx.message.text}`, { reply_parameters: { message_id: ctx.message.message_id } }),
  );
  return bot;
}

// ---------------------------------------------------------------------------------------------

describe('HTTP surface', () => {
  test('getMe answers over JSON, urlencoded, multipart and query-string requests alike', async () => {
    const url = `${fake.url}/bot${fake.token}/getMe`;
    const responses = await Promise.all([
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      fetch(url, { method: 'POST', body: new URLSearchParams({ unused: '1' }) }),
      fetch(url, { method: 'POST', body: new FormData() }),
      fetch(`${url}?unused=1`),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, result: fake.botInfo });
    }
    expect(fake.botInfo).toMatchObject({ id: Number(fake.token.split(':')[0]), is_bot: true, username: 'fake_support_bot' });
  });

  test('unknown methods get 404 "Not Found" and wrong tokens 401 "Unauthorized", like Telegram', async () => {
    expect(await api('sendTelepathy')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
    const res = await fetch(`${fake.url}/bot123:wrong/getMe`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  test('urlencoded and multipart bodies carry JSON-encoded fields and uploads', async () => {
    const user = alice();
    const form = new URLSearchParams({
      chat_id: String(user.id),
      text: 'Choose',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
    });
    const res = await fetch(`${fake.url}/bot${fake.token}/sendMessage`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(inlineButtons(fake.lastMessage(user.id)?.replyMarkup).map((b) => b.callback_data)).toEqual(['a']);

    const multipart = new FormData();
    multipart.append('chat_id', String(user.id));
    multipart.append('caption', 'notes "quoted"');
    multipart.append('document', new Blob([Buffer.from('line 1\r\n--not a boundary\r\n')]), 'notes "v2".txt');
    const upload = await fetch(`${fake.url}/bot${fake.token}/sendDocument`, { method: 'POST', body: multipart });
    const sent = (await upload.json()) as { ok: boolean; result: { document: { file_id: string; file_name: string; mime_type: string } } };
    expect(sent.ok).toBe(true);
    expect(sent.result.document).toMatchObject({ file_name: 'notes "v2".txt', mime_type: 'text/plain' });
    expect(fake.fileContent(sent.result.document.file_id)?.toString()).toBe('line 1\r\n--not a boundary\r\n');
    expect(fake.lastMessage(user.id)?.caption).toBe('notes "quoted"');
  });
});

describe('a telegraf bot over long polling', () => {
  test('commands, replies, message ids, buttons, callback answers and edits', async () => {
    await launch(supportBot());
    const user = alice();

    const start = await user.command('start', 'ref42');
    expect(start.message).toMatchObject({ message_id: 1, text: '/start ref42', from: { id: 1001, language_code: 'en' } });
    expect(start.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);

    const greeting = await fake.waitForMessage(user.id);
    expect(greeting).toMatchObject({
      messageId: 2,
      method: 'sendMessage',
      text: 'Hello, Alice & Co! Payload: ref42',
      rawText: 'Hello, <b>Alice &amp; Co</b>! Payload: ref42',
      parseMode: 'HTML',
      deleted: false,
    });
    expect(greeting.entities).toEqual([{ type: 'bold', offset: 7, length: 10 }]);
    expect(inlineButtons(greeting.replyMarkup).map((button) => button.text)).toEqual(['Ping', 'Docs']);
    expect(greeting.message.from?.id).toBe(fake.botInfo.id);

    const pressed = await user.press('Ping');
    expect(pressed.query).toMatchObject({ data: 'ping', from: { id: 1001 }, message: { message_id: 2 } });
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: 'pong', showAlert: false });
    expect(fake.callbackAnswer(pressed.id)?.text).toBe('pong');

    const edited = await fake.waitUntil(() => {
      const current = fake.message(user.id, 2);
      return current?.editedAt !== undefined ? current : undefined;
    });
    expect(edited).toMatchObject({ text: 'Pinged', entities: [], edits: [{ text: 'Hello, Alice & Co! Payload: ref42' }] });
    expect(inlineButtons(edited.replyMarkup).map((button) => button.text)).toEqual(['Again']);
    expect(edited.message.edit_date).toEqual(expect.any(Number));

    // Message ids are shared by the user and the bot in a chat.
    const echo = await user.send('hi there');
    expect(echo.message.message_id).toBe(3);
    const reply = await fake.waitForMessage(user.id, 'echo:');
    expect(reply).toMatchObject({ messageId: 4, text: 'echo: hi there', replyToMessageId: 3 });
    expect(reply.message.reply_to_message).toMatchObject({ message_id: 3, text: 'hi there' });

    await fake.waitForIdle();
    expect(fake.pendingUpdates()).toEqual([]);
    const ids = fake.updates().map((update) => update.update_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(fake.transcript(user.id).map((m) => `${m.sender}:${m.messageId}`)).toEqual(['user:1', 'bot:2', 'user:3', 'bot:4']);
  });

  test('press() fails loudly when no such button exists, and pressing a URL button is refused', async () => {
    await launch(supportBot());
    const user = alice();
    await user.command('start');
    await fake.waitForMessage(user.id);
    await expect(user.press('Nope')).rejects.toThrow(/no inline button matching Nope.*"Ping"/s);
    await expect(user.press(/^Docs$/)).rejects.toThrow(/has no callback_data/);
  });

  test('the same update delivered twice reaches the bot twice with the same update_id', async () => {
    const seen: number[] = [];
    const bot = client();
    bot.on('message', (ctx) => {
      seen.push(ctx.update.update_id);
    });
    await launch(bot);
    const user = alice();
    const { update } = await user.send('once');
    await fake.waitForIdle();
    fake.redeliver(update);
    await fake.waitForIdle();
    const after = await user.send('after');
    await fake.waitForIdle();
    expect(seen).toEqual([update.update_id, update.update_id, after.update.update_id]);
  });

  test('user media, replies, edits and other update kinds reach the bot', async () => {
    const received: TgUpdate[] = [];
    const bot = client();
    bot.use((ctx, next) => {
      received.push(ctx.update as unknown as TgUpdate);
      return next();
    });
    await launch(bot);
    const user = alice();
    const botMessage = await bot.telegram.sendMessage(user.id, 'Your ticket #7');
    await user.replyTo(botMessage, 'thanks');
    const typo = await user.send('helo');
    await user.editMessage(typo.message, 'hello');
    await user.sendSticker();
    await user.sendVoice(4);
    await user.sendLocation(52.52, 13.4);
    await user.sendContact('+4930123456');
    await fake.waitForIdle();
    expect(received.map((update) => Object.keys(update).filter((key) => key !== 'update_id')[0])).toEqual([
      'message', 'message', 'edited_message', 'message', 'message', 'message', 'message',
    ]);
    expect(received[0]?.message?.reply_to_message).toMatchObject({ message_id: botMessage.message_id, text: 'Your ticket #7' });
    expect(received[2]?.edited_message).toMatchObject({ message_id: typo.message.message_id, text: 'hello' });
    expect(received[3]?.message?.sticker?.emoji).toBe('👍');
    expect(received[4]?.message?.voice?.duration).toBe(4);
    expect(received[5]?.message?.location).toEqual({ latitude: 52.52, longitude: 13.4 });
    expect(received[6]?.message?.contact?.phone_number).toBe('+4930123456');
  });
});

describe('getUpdates semantics', () => {
  test('offset confirms and forgets earlier updates, limit caps the batch', async () => {
    const user = alice();
    const one = await user.send('one');
    const two = await user.send('two');
    expect(resultOf<TgUpdate[]>(await api('getUpdates')).map((u) => u.message?.text)).toEqual(['one', 'two']);
    expect(resultOf<TgUpdate[]>(await api('getUpdates', { limit: 1 })).map((u) => u.message?.text)).toEqual(['one']);
    expect(resultOf<TgUpdate[]>(await api('getUpdates', { offset: two.update.update_id }))).toEqual([two.update]);
    // Confirmed updates are gone for good, even when asking with a lower offset again.
    expect(resultOf<TgUpdate[]>(await api('getUpdates', { offset: one.update.update_id }))).toEqual([two.update]);
    expect(resultOf<TgUpdate[]>(await api('getUpdates', { offset: two.update.update_id + 1 }))).toEqual([]);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  test('a long poll waits for the next update, or returns empty when its timeout passes', async () => {
    const user = alice();
    const started = Date.now();
    const waiting = api('getUpdates', { timeout: 10 });
    await fake.waitUntil(() => (fake.calls('getUpdates').length === 1 ? true : undefined));
    await user.send('wake up');
    expect(resultOf<TgUpdate[]>(await waiting).map((u) => u.message?.text)).toEqual(['wake up']);
    expect(Date.now() - started).toBeLessThan(5000);

    const idleStart = Date.now();
    const empty = await api('getUpdates', { offset: fake.updates()[0]!.update_id + 1, timeout: 1 });
    expect(resultOf<TgUpdate[]>(empty)).toEqual([]);
    expect(Date.now() - idleStart).toBeGreaterThanOrEqual(900);
  });

  test('a second poller terminates the first with 409, and stop() releases a waiting poll', async () => {
    const first = api('getUpdates', { timeout: 30 });
    await fake.waitUntil(() => (fake.calls('getUpdates').length === 1 ? true : undefined));
    const second = api('getUpdates', { timeout: 30 });
    expect(await first).toEqual({
      status: 409,
      body: { ok: false, error_code: 409, description: Descriptions.getUpdatesConflict },
    });
    await fake.waitUntil(() => (fake.calls('getUpdates').length === 2 ? true : undefined));
    await fake.stop();
    expect(await second).toEqual({ status: 200, body: { ok: true, result: [] } });
  });

  test('waitForIdle reports when nobody consumes the updates', async () => {
    await alice().send('anyone?');
    await expect(fake.waitForIdle({ timeoutMs: 150 })).rejects.toThrow(/1 update\(s\) pending.*no bot is polling/);
  });
});

describe('files', () => {
  test('photos uploaded by the bot get sizes and file ids, and download byte-for-byte', async () => {
    const png = pngHeader();
    const bot = client();
    bot.command('photo', (ctx) => ctx.replyWithPhoto(Input.fromBuffer(png, 'chart.png'), { caption: 'A <b>chart</b>', parse_mode: 'HTML' }));
    await launch(bot);
    const user = alice();
    await user.command('photo');
    const sent = await fake.waitForMessage(user.id);
    expect(sent).toMatchObject({ method: 'sendPhoto', caption: 'A chart', entities: [{ type: 'bold', offset: 2, length: 5 }] });
    const sizes = sent.message.photo ?? [];
    expect(sizes.map((size) => `${size.width}x${size.height}`)).toEqual(['90x68', '320x240', '800x600', '1280x960', '1600x1200']);
    expect(sent.photoFileIds).toEqual(sizes.map((size) => size.file_id));
    expect(fake.calls('sendPhoto')[0]?.params.photo).toEqual({ file_name: 'chart.png', size: png.length, mime_type: undefined });

    const largest = sizes.at(-1)!;
    const link = await bot.telegram.getFileLink(largest.file_id);
    expect(link.pathname).toMatch(/^\/file\/bot[^/]+\/photos\/file_\d+\.jpg$/);
    expect((await download(link)).equals(png)).toBe(true);
  });

  test('documents keep name and mime type; users files are downloadable and re-sendable by file_id', async () => {
    const bot = client();
    const csv = Buffer.from('id,name\n1,Alice\n');
    bot.command('report', (ctx) => ctx.replyWithDocument(Input.fromBuffer(csv, 'report.csv'), { caption: 'Report' }));
    bot.on(message('photo'), (ctx) => ctx.replyWithPhoto(ctx.message.photo.at(-1)!.file_id, { caption: 'got it' }));
    await launch(bot);
    const user = alice();

    await user.command('report');
    const doc = await fake.waitForMessage(user.id);
    expect(doc.message.document).toMatchObject({ file_name: 'report.csv', mime_type: 'text/csv', file_size: csv.length });
    expect((await download(await bot.telegram.getFileLink(doc.documentFileId!))).equals(csv)).toBe(true);

    const photo = await user.sendPhoto(pngHeader(640, 480), 'screenshot');
    expect(photo.message.photo?.at(-1)).toMatchObject({ width: 640, height: 480 });
    const echoed = await fake.waitForMessage(user.id, 'got it');
    expect(echoed.message.photo?.at(-1)?.file_unique_id).toBe(photo.message.photo?.at(-1)?.file_unique_id);
    const userFile = await bot.telegram.getFile(photo.message.photo!.at(-1)!.file_id);
    expect((await download(fake.fileUrl(userFile.file_path!))).equals(pngHeader(640, 480))).toBe(true);
  });

  test('unknown file ids, wrong file types and oversized downloads are rejected', async () => {
    const tg = client().telegram;
    const user = alice();
    expect(await failure(tg.sendPhoto(user.id, 'AgACAgIdoesnotexist'))).toEqual({ code: 400, description: Descriptions.wrongFileId });
    const doc = await user.sendDocument(Buffer.from('%PDF-1.4'), { file_name: 'invoice.pdf' });
    expect(doc.message.document).toMatchObject({ file_name: 'invoice.pdf', mime_type: 'application/pdf' });
    expect(await failure(tg.sendPhoto(user.id, doc.message.document!.file_id))).toEqual({
      code: 400,
      description: "Bad Request: can't use file of type Document as Photo",
    });
    const huge = await user.sendDocument(Buffer.alloc(0), { file_name: 'dump.zip', size: 60 * 1024 * 1024 });
    expect(huge.message.document?.file_size).toBe(60 * 1024 * 1024);
    expect(await failure(tg.getFile(huge.message.document!.file_id))).toEqual({ code: 400, description: 'Bad Request: file is too big' });
    expect(await failure(tg.getFile('nope'))).toEqual({ code: 400, description: 'Bad Request: invalid file_id' });
    expect((await fetch(fake.fileUrl('photos/missing.jpg'))).status).toBe(404);
  });

  test('albums: users send several updates sharing a media_group_id; the bot sends albums', async () => {
    const groups: Array<string | undefined> = [];
    const bot = client();
    bot.on(message('photo'), (ctx) => {
      groups.push(ctx.message.media_group_id);
    });
    await launch(bot);
    const user = alice();
    const album = await user.sendAlbum([pngHeader(), pngHeader(800, 800), pngHeader(100, 50)], 'three shots');
    expect(album.updates.map((u) => u.update_id)).toEqual([...new Set(album.updates.map((u) => u.update_id))]);
    expect(album.messages.map((m) => m.caption)).toEqual(['three shots', undefined, undefined]);
    expect(album.messages[1]?.photo?.at(-1)).toMatchObject({ width: 800, height: 800 });
    await fake.waitForIdle();
    expect(groups).toEqual([album.mediaGroupId, album.mediaGroupId, album.mediaGroupId]);

    const sent = await bot.telegram.sendMediaGroup(user.id, [
      { type: 'photo', media: Input.fromBuffer(pngHeader(), 'a.png'), caption: 'Album <i>caption</i>', parse_mode: 'HTML' },
      { type: 'photo', media: album.messages[1]!.photo!.at(-1)!.file_id },
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.media_group_id).toBeDefined();
    expect(sent[1]?.media_group_id).toBe(sent[0]?.media_group_id);
    expect(fake.messages(user.id).map((m) => [m.caption, m.mediaGroupId])).toEqual([
      ['Album caption', sent[0]?.media_group_id],
      [undefined, sent[0]?.media_group_id],
    ]);
    expect(fake.messages(user.id)[0]?.entities).toEqual([{ type: 'italic', offset: 6, length: 7 }]);

    const photoId = album.messages[0]!.photo!.at(-1)!.file_id;
    const eleven = Array.from({ length: 11 }, () => ({ type: 'photo' as const, media: photoId }));
    expect(await failure(bot.telegram.sendMediaGroup(user.id, eleven))).toEqual({
      code: 400,
      description: 'Bad Request: too many messages to send as an album',
    });
    const doc = await user.sendDocument(Buffer.from('x'), { file_name: 'x.txt' });
    // telegraf's types forbid mixing, so send this one by hand.
    const mixed = [
      { type: 'photo', media: photoId },
      { type: 'document', media: doc.message.document!.file_id },
    ];
    expect((await api('sendMediaGroup', { chat_id: user.id, media: mixed })).body).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: document can't be mixed with other media types",
    });
    const single = await bot.telegram.sendMediaGroup(user.id, [{ type: 'photo', media: photoId }]);
    expect(single[0]?.media_group_id).toBeUndefined();
  });
});

describe('limits and rejections', () => {
  let tg: Telegraf['telegram'];
  let user: FakeUser;

  beforeEach(() => {
    tg = client().telegram;
    user = alice();
  });

  test('message text: empty, blank, 4096 UTF-16 code units after entity parsing', async () => {
    expect(await failure(tg.sendMessage(user.id, ''))).toEqual({ code: 400, description: Descriptions.textEmpty });
    expect(await failure(tg.sendMessage(user.id, '  \n '))).toEqual({ code: 400, description: Descriptions.textMustBeNonEmpty });
    expect(await failure(tg.sendMessage(user.id, '<b> </b>', { parse_mode: 'HTML' }))).toEqual({
      code: 400,
      description: Descriptions.textMustBeNonEmpty,
    });
    await expect(tg.sendMessage(user.id, 'x'.repeat(4096))).resolves.toMatchObject({ text: 'x'.repeat(4096) });
    expect(await failure(tg.sendMessage(user.id, 'x'.repeat(4097)))).toEqual({ code: 400, description: Descriptions.messageTooLong });
    // Tags do not count and entities count as one character...
    await expect(tg.sendMessage(user.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toBeDefined();
    await expect(tg.sendMessage(user.id, '&lt;'.repeat(4096), { parse_mode: 'HTML' })).resolves.toMatchObject({ text: '<'.repeat(4096) });
    expect(await failure(tg.sendMessage(user.id, '&amp;'.repeat(4097), { parse_mode: 'HTML' }))).toEqual({
      code: 400,
      description: Descriptions.messageTooLong,
    });
    // ...but an emoji outside the BMP counts as two.
    await expect(tg.sendMessage(user.id, '😀'.repeat(2048))).resolves.toBeDefined();
    expect(await failure(tg.sendMessage(user.id, '😀'.repeat(2049)))).toEqual({ code: 400, description: Descriptions.messageTooLong });
    expect(fake.messages(user.id)).toHaveLength(4);
  });

  test('captions are limited to 1024 characters', async () => {
    const { message: photo } = await user.sendPhoto(pngHeader());
    const fileId = photo.photo!.at(-1)!.file_id;
    await expect(tg.sendPhoto(user.id, fileId, { caption: 'c'.repeat(1024) })).resolves.toMatchObject({ caption: 'c'.repeat(1024) });
    expect(await failure(tg.sendPhoto(user.id, fileId, { caption: 'c'.repeat(1025) }))).toEqual({
      code: 400,
      description: Descriptions.captionTooLong,
    });
  });

  test('inline keyboards: callback_data counted in UTF-8 bytes, button text, button count', async () => {
    const keyboard = (buttons: unknown[][]): Record<string, unknown> => ({
      chat_id: user.id,
      text: 'Pick one',
      reply_markup: { inline_keyboard: buttons },
    });
    expect((await api('sendMessage', keyboard([[{ text: 'ok', callback_data: 'x'.repeat(64) }]]))).status).toBe(200);
    // 33 Cyrillic letters are 33 characters but 66 bytes.
    expect((await api('sendMessage', keyboard([[{ text: 'ok', callback_data: 'я'.repeat(33) }]]))).body).toEqual({
      ok: false,
      error_code: 400,
      description: Descriptions.buttonDataInvalid,
    });
    expect((await api('sendMessage', keyboard([[{ callback_data: 'x' }]]))).body).toMatchObject({
      error_code: 400,
      description: `Bad Request: can't parse inline keyboard button: Can't find field "text"`,
    });
    expect((await api('sendMessage', keyboard([[{ text: 'plain' }]]))).body).toMatchObject({
      description: "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    });
    const rows = (count: number): unknown[][] =>
      Array.from({ length: count / 5 }, (_, row) => Array.from({ length: 5 }, (__, col) => ({ text: `${row}.${col}`, callback_data: `${row}.${col}` })));
    expect((await api('sendMessage', keyboard(rows(100)))).status).toBe(200);
    const tooMany = keyboard([...rows(100), [{ text: 'one more', callback_data: 'x' }]]);
    expect((await api('sendMessage', tooMany)).body).toMatchObject({ ok: false, error_code: 400 });
    expect(fake.messages(user.id)).toHaveLength(2);
  });

  test.each([
    ['<b>unclosed', `Can't find end tag corresponding to start tag "b"`],
    ['<b><i>test</b></i>', `Unmatched end tag at byte offset 10, expected "</i>", found "</b>"`],
    ['Привет </i>', 'Unexpected end tag at byte offset 13'],
    ['line<br>break', 'Unsupported start tag "br" at byte offset 4'],
    ['<script>alert(1)</script>', 'Unsupported start tag "script" at byte offset 0'],
    ['1 < 2', 'Unsupported start tag "" at byte offset 2'],
    ['AT&T', 'Unescaped "&" at byte offset 2; use "&amp;"'],
    ['&nbsp;', 'Unescaped "&" at byte offset 0; use "&amp;"'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<a href="https://x.org"', 'Unclosed start tag at byte offset 0'],
  ])('HTML %j is rejected with "%s"', async (html, reason) => {
    expect(await failure(tg.sendMessage(user.id, html, { parse_mode: 'HTML' }))).toEqual({
      code: 400,
      description: `Bad Request: can't parse entities: ${reason}`,
    });
    expect(validateTelegramHtml(html)).toBe(reason);
  });

  test('every supported HTML tag parses into the entity Telegram would produce', async () => {
    const html =
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>' +
      '<span class="tg-spoiler">p</span><tg-spoiler>q</tg-spoiler><a href="https://example.com/?a=1&amp;b=2">link</a>' +
      '<code>c</code><pre><code class="language-ts">let x</code></pre><blockquote>quote</blockquote>' +
      '<blockquote expandable>more</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;&gt;&amp;&quot;&#65;&#x42;';
    const sent = await tg.sendMessage(user.id, html, { parse_mode: 'HTML' });
    expect(sent.text).toBe('bsieunskdpqlinkclet xquotemore👍 <>&"AB');
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 0, length: 1 },
      { type: 'bold', offset: 1, length: 1 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'italic', offset: 3, length: 1 },
      { type: 'underline', offset: 4, length: 1 },
      { type: 'underline', offset: 5, length: 1 },
      { type: 'strikethrough', offset: 6, length: 1 },
      { type: 'strikethrough', offset: 7, length: 1 },
      { type: 'strikethrough', offset: 8, length: 1 },
      { type: 'spoiler', offset: 9, length: 1 },
      { type: 'spoiler', offset: 10, length: 1 },
      { type: 'text_link', offset: 11, length: 4, url: 'https://example.com/?a=1&b=2' },
      { type: 'code', offset: 15, length: 1 },
      { type: 'pre', offset: 16, length: 5, language: 'ts' },
      { type: 'blockquote', offset: 21, length: 5 },
      { type: 'expandable_blockquote', offset: 26, length: 4 },
      { type: 'custom_emoji', offset: 30, length: 2, custom_emoji_id: '5368324170671202286' },
    ]);
    expect(parseTelegramHtml(html).entities).toEqual(sent.entities);
  });

  test('explicit entities are checked against the text', async () => {
    await expect(tg.sendMessage(user.id, 'hello', { entities: [{ type: 'bold', offset: 0, length: 5 }] })).resolves.toMatchObject({
      entities: [{ type: 'bold', offset: 0, length: 5 }],
    });
    expect(await failure(tg.sendMessage(user.id, 'hello', { entities: [{ type: 'bold', offset: 0, length: 100 }] }))).toEqual({
      code: 400,
      description: 'Bad Request: entity beginning at UTF-16 offset 0 ends after the end of the text at UTF-16 offset 100',
    });
  });

  test('unknown chats, unknown reply targets and bad parse modes', async () => {
    expect(await failure(tg.sendMessage(424242, 'hi'))).toEqual({ code: 400, description: Descriptions.chatNotFound });
    expect(await failure(tg.sendMessage('@nobody', 'hi'))).toEqual({ code: 400, description: Descriptions.chatNotFound });
    await expect(tg.sendMessage('@alice', 'by username')).resolves.toMatchObject({ chat: { id: user.id } });
    expect(await failure(tg.sendMessage(user.id, 'hi', { reply_parameters: { message_id: 999 } }))).toEqual({
      code: 400,
      description: Descriptions.messageToReplyNotFound,
    });
    await expect(
      tg.sendMessage(user.id, 'hi', { reply_parameters: { message_id: 999, allow_sending_without_reply: true } }),
    ).resolves.not.toHaveProperty('reply_to_message');
    expect(await failure(tg.sendMessage(user.id, 'hi', { parse_mode: 'Klingon' as 'HTML' }))).toEqual({
      code: 400,
      description: 'Bad Request: unsupported parse_mode',
    });
    const group = fake.group({ title: 'Support team' });
    await expect(tg.sendMessage(group.id, 'hello team')).resolves.toMatchObject({ chat: { id: group.id, type: 'supergroup' } });
  });

  test('edits: not modified, keyboard removal, missing and deleted messages', async () => {
    const keyboard = Markup.inlineKeyboard([Markup.button.callback('Close', 'close')]);
    const sent = await tg.sendMessage(user.id, 'Ticket open', keyboard);
    expect(await failure(tg.editMessageText(user.id, sent.message_id, undefined, 'Ticket open', keyboard))).toEqual({
      code: 400,
      description: Descriptions.notModified,
    });
    // Same text without reply_markup is a change: Telegram removes the keyboard.
    const edited = await tg.editMessageText(user.id, sent.message_id, undefined, 'Ticket open');
    expect(edited).not.toBe(true);
    expect(fake.message(user.id, sent.message_id)).toMatchObject({ text: 'Ticket open', replyMarkup: undefined });
    expect(fake.message(user.id, sent.message_id)?.message.reply_markup).toBeUndefined();
    expect(await failure(tg.editMessageReplyMarkup(user.id, sent.message_id, undefined, undefined))).toEqual({
      code: 400,
      description: Descriptions.notModified,
    });
    await expect(tg.editMessageReplyMarkup(user.id, sent.message_id, undefined, keyboard.reply_markup)).resolves.toBeDefined();
    expect(await failure(tg.editMessageText(user.id, 999, undefined, 'x'))).toEqual({ code: 400, description: Descriptions.messageToEditNotFound });
    expect(await failure(tg.deleteMessage(user.id, 999))).toEqual({ code: 400, description: Descriptions.messageToDeleteNotFound });
    await expect(tg.deleteMessage(user.id, sent.message_id)).resolves.toBe(true);
    expect(fake.message(user.id, sent.message_id)).toMatchObject({ deleted: true, deletedAt: expect.any(Number) });
    expect(await failure(tg.deleteMessage(user.id, sent.message_id))).toEqual({ code: 400, description: Descriptions.messageToDeleteNotFound });
    expect(await failure(tg.editMessageText(user.id, sent.message_id, undefined, 'x'))).toEqual({
      code: 400,
      description: Descriptions.messageToEditNotFound,
    });
    expect(fake.visibleMessages(user.id)).toEqual([]);

    const { message: photo } = await user.sendPhoto(pngHeader());
    const botPhoto = await tg.sendPhoto(user.id, photo.photo!.at(-1)!.file_id, { caption: 'v1' });
    expect(await failure(tg.editMessageText(user.id, botPhoto.message_id, undefined, 'text'))).toEqual({
      code: 400,
      description: 'Bad Request: there is no text in the message to edit',
    });
    await expect(tg.editMessageCaption(user.id, botPhoto.message_id, undefined, 'v2')).resolves.toMatchObject({ caption: 'v2' });
    const text = await tg.sendMessage(user.id, 'plain');
    expect(await failure(tg.editMessageCaption(user.id, text.message_id, undefined, 'cap'))).toEqual({
      code: 400,
      description: 'Bad Request: there is no caption in the message to edit',
    });
    expect(await failure(tg.editMessageText(user.id, photo.message_id, undefined, 'hijack'))).toEqual({
      code: 400,
      description: "Bad Request: message can't be edited",
    });
  });

  test('callback answers: once per query, unknown ids, 200 characters at most', async () => {
    const sent = await tg.sendMessage(user.id, 'Rate us', Markup.inlineKeyboard([Markup.button.callback('5 stars', 'rate:5')]));
    expect(await failure(tg.answerCbQuery('12345'))).toEqual({ code: 400, description: Descriptions.queryTooOld });
    const first = await user.press('5 stars');
    expect(await failure(tg.answerCbQuery(first.id, 'x'.repeat(201)))).toEqual({ code: 400, description: 'Bad Request: MESSAGE_TOO_LONG' });
    await expect(tg.answerCbQuery(first.id, 'x'.repeat(200), { show_alert: true })).resolves.toBe(true);
    expect(first.answer()).toMatchObject({ text: 'x'.repeat(200), showAlert: true });
    expect(await failure(tg.answerCbQuery(first.id, 'again'))).toEqual({ code: 400, description: Descriptions.queryTooOld });
    const forged = await user.pressData('rate:999', sent);
    expect(forged.query.data).toBe('rate:999');
    expect(fake.callbackQueries().map((record) => record.query.data)).toEqual(['rate:5', 'rate:999']);
  });

  test('sendChatAction, getChat, copyMessage and forwardMessage', async () => {
    await expect(tg.sendChatAction(user.id, 'typing')).resolves.toBe(true);
    expect(await failure(tg.sendChatAction(user.id, 'dancing' as 'typing'))).toEqual({
      code: 400,
      description: 'Bad Request: wrong parameter action in request',
    });
    expect(fake.chatActions(user.id).map((action) => action.action)).toEqual(['typing']);
    await expect(tg.getChat(user.id)).resolves.toMatchObject({ id: user.id, type: 'private', username: 'alice' });

    const group = fake.group({ title: 'Agents', id: -100123 });
    const question = await user.send('My printer is on fire');
    await expect(tg.copyMessage(group.id, user.id, question.message.message_id)).resolves.toEqual({ message_id: 1 });
    const forwarded = await tg.forwardMessage(group.id, user.id, question.message.message_id);
    expect(forwarded).toMatchObject({ message_id: 2, text: 'My printer is on fire', forward_origin: { type: 'user', sender_user: { id: user.id } } });
    expect(fake.messages(group.id).map((m) => [m.method, m.text])).toEqual([
      ['copyMessage', 'My printer is on fire'],
      ['forwardMessage', 'My printer is on fire'],
    ]);
    expect(await failure(tg.copyMessage(group.id, user.id, 999))).toEqual({ code: 400, description: 'Bad Request: message to copy not found' });
  });

  test('commands are kept per scope and language', async () => {
    await tg.setMyCommands([{ command: 'start', description: 'Start' }, { command: 'help', description: 'Help' }]);
    await tg.setMyCommands([{ command: 'start', description: 'Начать' }], { language_code: 'ru' });
    await tg.setMyCommands([{ command: 'tickets', description: 'Open tickets' }], { scope: { type: 'chat', chat_id: user.id } });
    await expect(tg.getMyCommands()).resolves.toEqual([{ command: 'start', description: 'Start' }, { command: 'help', description: 'Help' }]);
    await expect(tg.getMyCommands({ language_code: 'ru' })).resolves.toEqual([{ command: 'start', description: 'Начать' }]);
    await expect(tg.getMyCommands({ scope: { type: 'chat', chat_id: user.id } })).resolves.toEqual([
      { command: 'tickets', description: 'Open tickets' },
    ]);
    expect(fake.commands({ type: 'chat', chat_id: user.id })).toHaveLength(1);
    await tg.deleteMyCommands({ language_code: 'ru' });
    await expect(tg.getMyCommands({ language_code: 'ru' })).resolves.toEqual([]);
    await expect(tg.getMyCommands()).resolves.toHaveLength(2);
    expect(await failure(tg.setMyCommands([{ command: 'Bad Command!', description: 'x' }]))).toEqual({
      code: 400,
      description: 'Bad Request: BOT_COMMAND_INVALID',
    });
    expect(await failure(tg.setMyCommands([], { scope: { type: 'chat', chat_id: 777 } }))).toEqual({
      code: 400,
      description: Descriptions.chatNotFound,
    });
  });
});

describe('fault injection and rate limits', () => {
  let tg: Telegraf['telegram'];
  let user: FakeUser;

  beforeEach(() => {
    tg = client().telegram;
    user = alice();
  });

  test('429 with retry_after, once, for the given method only; getUpdates is spared by default', async () => {
    fake.tooManyRequests(7);
    expect(resultOf<TgUpdate[]>(await api('getUpdates'))).toEqual([]);
    expect(await api('sendMessage', { chat_id: user.id, text: 'hi' })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } },
    });
    fake.tooManyRequests(3, { method: 'sendPhoto' });
    await expect(tg.sendMessage(user.id, 'not affected')).resolves.toBeDefined();
    const { message: photo } = await user.sendPhoto(pngHeader());
    expect(await failure(tg.sendPhoto(user.id, photo.photo![0]!.file_id))).toEqual({
      code: 429,
      description: 'Too Many Requests: retry after 3',
      retryAfter: 3,
    });
    expect(fake.messages(user.id).map((m) => m.text)).toEqual(['not affected']);
    expect(fake.stats()).toMatchObject({ tooManyRequests: 2, rateLimited: 0 });
  });

  test('403 blocked: one-off for a chat, or persistent when the user blocks the bot', async () => {
    const bob = fake.user({ id: 2002, first_name: 'Bob' });
    fake.blockedByUser({ chatId: user.id });
    await expect(tg.sendMessage(bob.id, 'fine')).resolves.toBeDefined();
    expect(await failure(tg.sendMessage(user.id, 'blocked'))).toEqual({ code: 403, description: Descriptions.botBlocked });
    await expect(tg.sendMessage(user.id, 'fine again')).resolves.toBeDefined();

    const statuses: string[] = [];
    const bot = client();
    bot.on('my_chat_member', (ctx) => {
      statuses.push(ctx.myChatMember.new_chat_member.status);
    });
    await launch(bot);
    await user.blockBot();
    expect(await failure(tg.sendMessage(user.id, 'one'))).toEqual({ code: 403, description: Descriptions.botBlocked });
    expect(await failure(tg.sendChatAction(user.id, 'typing'))).toEqual({ code: 403, description: Descriptions.botBlocked });
    await user.unblockBot();
    await expect(tg.sendMessage(user.id, 'welcome back')).resolves.toBeDefined();
    await fake.waitForIdle();
    expect(statuses).toEqual(['kicked', 'member']);
  });

  test('500 and 502, several times, and lost responses after the message was sent', async () => {
    fake.serverError(502, { method: 'sendMessage', times: 2 });
    expect(await failure(tg.sendMessage(user.id, 'a'))).toEqual({ code: 502, description: 'Bad Gateway' });
    expect((await api('sendMessage', { chat_id: user.id, text: 'b' })).body).toEqual({
      ok: false,
      error_code: 502,
      description: 'Bad Gateway',
    });
    await expect(tg.sendMessage(user.id, 'c')).resolves.toBeDefined();
    fake.serverError(500, { chatId: user.id, afterExecute: true });
    expect(await failure(tg.sendMessage(user.id, 'd'))).toEqual({ code: 500, description: 'Internal Server Error' });
    // The call failed, yet the user got the message: a blind retry would duplicate it.
    expect(fake.messages(user.id).map((m) => m.text)).toEqual(['c', 'd']);
  });

  test('enforced limits: per private chat with a burst, per group per minute, and overall', async () => {
    fake.enforceRateLimits({ privatePerSecond: 1, privateBurst: 2 });
    await tg.sendMessage(user.id, '1');
    await tg.sendMessage(user.id, '2');
    const limited = await failure(tg.sendMessage(user.id, '3'));
    expect(limited).toMatchObject({ code: 429, description: expect.stringMatching(/^Too Many Requests: retry after \d+$/) });
    expect(limited.retryAfter).toBeGreaterThanOrEqual(1);
    const bob = fake.user({ id: 2002, first_name: 'Bob' });
    await expect(tg.sendMessage(bob.id, 'other chats are fine')).resolves.toBeDefined();

    const group = fake.group({ title: 'Team' });
    fake.enforceRateLimits({ groupPerMinute: 20, groupBurst: 3 });
    for (const text of ['g1', 'g2', 'g3']) await tg.sendMessage(group.id, text);
    expect(await failure(tg.sendMessage(group.id, 'g4'))).toMatchObject({ code: 429, retryAfter: 3 });

    fake.enforceRateLimits({ globalPerSecond: 5, globalBurst: 5, privatePerSecond: 100, privateBurst: 100 });
    for (let i = 0; i < 5; i++) await tg.sendMessage(user.id, `burst ${i}`);
    expect(await failure(tg.sendMessage(bob.id, 'over the global limit'))).toMatchObject({ code: 429 });
    expect(fake.stats()).toMatchObject({ tooManyRequests: 3, rateLimited: 3 });
    fake.enforceRateLimits(false);
    await expect(tg.sendMessage(bob.id, 'limits off')).resolves.toBeDefined();
  });
});

describe('webhook mode', () => {
  interface Received {
    headers: IncomingHttpHeaders;
    body: TgUpdate;
  }

  async function listen(server: Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test('updates are POSTed with the secret header and retried after non-2xx answers', async () => {
    const received: Received[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) as TgUpdate });
        res.statusCode = received.length === 1 ? 500 : 200;
        res.end();
      });
    });
    const url = `${await listen(server)}/hook`;
    fake.useWebhook(url, 'secret_123');
    const user = alice();
    const { update } = await user.send('via webhook');
    await fake.waitUntil(() => (received.length >= 2 ? true : undefined));
    await fake.waitForIdle();
    expect(received.map((r) => r.body)).toEqual([update, update]);
    expect(received.map((r) => r.headers['x-telegram-bot-api-secret-token'])).toEqual(['secret_123', 'secret_123']);
    expect(fake.webhookDeliveries().map((d) => [d.updateId, d.attempt, d.status, d.ok])).toEqual([
      [update.update_id, 1, 500, false],
      [update.update_id, 2, 200, true],
    ]);
    expect(resultOf<Record<string, unknown>>(await api('getWebhookInfo'))).toMatchObject({
      url,
      pending_update_count: 0,
      last_error_message: 'Wrong response from the webhook: 500',
    });
    expect((await api('getUpdates')).body).toEqual({ ok: false, error_code: 409, description: Descriptions.webhookActiveConflict });
    fake.redeliver(update);
    await fake.waitUntil(() => (received.length === 3 ? true : undefined));
    expect(received[2]?.body.update_id).toBe(update.update_id);
  });

  test('a telegraf webhook bot works end to end, including replies in the webhook response', async () => {
    const bot = client();
    bot.start((ctx) => ctx.reply('Menu', Markup.inlineKeyboard([Markup.button.callback('Ack', 'ack')])));
    bot.action('ack', (ctx) => ctx.answerCbQuery('done'));
    const base = await listen(createServer(bot.webhookCallback('/telegram', { secretToken: 'hook_secret' })));
    await bot.telegram.setWebhook(`${base}/telegram`, { secret_token: 'hook_secret' });
    expect(fake.webhookConfig()).toMatchObject({ url: `${base}/telegram`, secretToken: 'hook_secret' });

    const user = alice();
    await user.command('start');
    expect((await fake.waitForMessage(user.id)).text).toBe('Menu');
    const pressed = await user.press('Ack');
    await expect(pressed.waitForAnswer()).resolves.toMatchObject({ text: 'done' });
    // telegraf answered inside the webhook HTTP response; the fake executed that call.
    expect(fake.calls('answerCallbackQuery').map((call) => call.via)).toEqual(['webhook-reply']);
    await fake.waitForIdle();
    await bot.telegram.deleteWebhook();
    expect(fake.webhookConfig()).toBeUndefined();
  });
});

describe('HTML helpers and waiting', () => {
  test('stripHtml, escapeHtml and validateTelegramHtml', () => {
    expect(stripHtml('<b>A &amp; B</b> &lt;3 &#x1F600;')).toBe('A & B <3 😀');
    expect(stripHtml('tolerant <b>of broken markup')).toBe('tolerant of broken markup');
    expect(escapeHtml('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(validateTelegramHtml('<b>x</b> &amp;')).toBeUndefined();
    expect(validateTelegramHtml('AT&T', { strictAmpersand: false })).toBeUndefined();
    expect(parseTelegramHtml('  <i>padded</i>  ').text).toBe('  padded  ');
  });

  test('waitForMessage returns each bot message once and explains timeouts', async () => {
    const tg = client().telegram;
    const user = alice();
    await tg.sendMessage(user.id, 'first');
    await tg.sendMessage(user.id, 'second');
    expect((await fake.waitForMessage(user.id)).text).toBe('first');
    expect((await fake.waitForMessage(user.id)).text).toBe('second');
    const later = fake.waitForMessage(user.id, /third/);
    await tg.sendMessage(user.id, 'third');
    expect((await later).text).toBe('third');
    await expect(fake.waitForMessage(user.id, 'never', { timeoutMs: 100 })).rejects.toThrow(/chat so far:\n.*#1 bot: "first"/s);
  });
});
