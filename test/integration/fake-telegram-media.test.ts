import { Input, Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import { FakeTelegram, launchBot, type ApiResponseBody, type FakeUser, type TgMessage, type TgUpdate } from '../../src/fake-telegram';

// Issue 13 §3: video, video notes, voice, audio and animations as the Bot API defines them.

let fake: FakeTelegram;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  fake = await FakeTelegram.start();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake.stop();
});

function client(): Telegraf {
  return new Telegraf(fake.token, fake.telegrafOptions());
}

function alice(): FakeUser {
  return fake.user({ id: 1001, first_name: 'Alice', language_code: 'en' });
}

async function api(method: string, body: Record<string, unknown>): Promise<ApiResponseBody> {
  const res = await fetch(`${fake.url}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as ApiResponseBody;
}

async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TelegramError)) throw error;
    return error.description;
  }
  throw new Error('expected the call to fail');
}

describe('media a user sends', () => {
  test('video, video note, voice, audio and animation updates carry the fields Telegram gives', async () => {
    const received: TgUpdate[] = [];
    const bot = client();
    bot.on('message', (ctx) => {
      received.push(ctx.update as unknown as TgUpdate);
    });
    const running = await launchBot(bot, fake);
    cleanups.push(() => running.stop());
    const user = alice();
    await user.sendVideo({ duration: 42, width: 1080, height: 2340, caption: 'screen recording', file_name: 'rec.mp4' });
    await user.sendVideoNote({ duration: 15, length: 384 });
    await user.sendVoice(7);
    await user.sendAudio({ duration: 185, performer: 'Clinic', title: 'Call', file_name: 'call.mp3' });
    await user.sendAnimation({ duration: 2, width: 480, height: 270 });
    await fake.waitForIdle();

    const [video, note, voice, audio, gif] = received.map((u) => u.message);
    expect(video?.video).toMatchObject({ duration: 42, width: 1080, height: 2340, file_name: 'rec.mp4', mime_type: 'video/mp4' });
    expect(video?.video?.thumbnail).toMatchObject({ width: 148, height: 320 });
    expect(video?.caption).toBe('screen recording');
    expect(note?.video_note).toMatchObject({ duration: 15, length: 384 });
    expect(note?.video_note?.thumbnail).toMatchObject({ width: 320, height: 320 });
    expect(note?.video_note).not.toHaveProperty('mime_type');
    expect(note?.caption).toBeUndefined();
    expect(voice?.voice).toMatchObject({ duration: 7, mime_type: 'audio/ogg' });
    expect(voice?.voice).not.toHaveProperty('file_name');
    expect(audio?.audio).toMatchObject({ duration: 185, performer: 'Clinic', title: 'Call', file_name: 'call.mp3', mime_type: 'audio/mpeg' });
    // An animation message also carries the file as `document`, as Telegram sends it.
    expect(gif?.animation).toMatchObject({ duration: 2, width: 480, height: 270, mime_type: 'video/mp4' });
    expect(gif?.document?.file_id).toBe(gif?.animation?.file_id);
    for (const m of [video?.video, note?.video_note, voice?.voice, audio?.audio, gif?.animation]) {
      expect(m).toMatchObject({ file_id: expect.any(String), file_unique_id: expect.any(String), file_size: expect.any(Number) });
    }
    expect(fake.transcript(user.id).map((m) => m.media?.kind)).toEqual(['video', 'video_note', 'voice', 'audio', 'animation']);
  });

  test('an album mixes photos and videos; getFile serves media under 20 MB only', async () => {
    const tg = client().telegram;
    const user = alice();
    const album = await user.sendAlbum([Buffer.from('png'), { video: { duration: 5 } }], 'both');
    expect(album.messages[0]?.photo).toBeDefined();
    expect(album.messages[1]?.video?.duration).toBe(5);
    expect(album.messages[1]?.media_group_id).toBe(album.mediaGroupId);

    const small = await user.sendVideo({ bytes: Buffer.from('video bytes') });
    const file = await tg.getFile(small.message.video!.file_id);
    expect(file.file_path).toMatch(/^videos\/file_\d+\.mp4$/);
    expect(Buffer.from(await (await fetch(fake.fileUrl(file.file_path!))).arrayBuffer()).toString()).toBe('video bytes');
    const voice = await user.sendVoice(3);
    expect((await tg.getFile(voice.message.voice!.file_id)).file_path).toMatch(/^voice\/file_\d+\.oga$/);
    const big = await user.sendVideo({ size: 21 * 1024 * 1024 });
    expect(await failure(tg.getFile(big.message.video!.file_id))).toBe('Bad Request: file is too big');
  });
});

describe('media the bot sends', () => {
  test('each send method records its kind, keeps the caption and reuses file ids of the same type only', async () => {
    const tg = client().telegram;
    const user = alice();
    const video = await user.sendVideo({ duration: 42 });
    const note = await user.sendVideoNote({ duration: 9 });
    const voice = await user.sendVoice(7);
    const audio = await user.sendAudio({ duration: 60 });
    const gif = await user.sendAnimation({ duration: 2 });

    const sentVideo = await tg.sendVideo(user.id, video.message.video!.file_id, { caption: '🎬 <b>video</b> 0:42', parse_mode: 'HTML' });
    expect(sentVideo.video).toMatchObject({ duration: 42, file_unique_id: video.message.video!.file_unique_id });
    expect(sentVideo.caption).toBe('🎬 video 0:42');
    expect((await tg.sendVideoNote(user.id, note.message.video_note!.file_id)).video_note?.duration).toBe(9);
    expect((await tg.sendVoice(user.id, voice.message.voice!.file_id, { caption: '🎤 0:07' })).voice?.duration).toBe(7);
    expect((await tg.sendAudio(user.id, audio.message.audio!.file_id)).audio?.duration).toBe(60);
    const sentGif = await tg.sendAnimation(user.id, gif.message.animation!.file_id);
    expect(sentGif.animation?.file_id).toBe(gif.message.animation!.file_id);
    expect(sentGif.document?.file_id).toBe(gif.message.animation!.file_id);
    expect(fake.messages(user.id).map((m) => [m.method, m.media?.kind])).toEqual([
      ['sendVideo', 'video'],
      ['sendVideoNote', 'video_note'],
      ['sendVoice', 'voice'],
      ['sendAudio', 'audio'],
      ['sendAnimation', 'animation'],
    ]);

    expect(await failure(tg.sendVoice(user.id, video.message.video!.file_id))).toBe("Bad Request: can't use file of type Video as VoiceNote");
    expect(await failure(tg.sendDocument(user.id, voice.message.voice!.file_id))).toBe("Bad Request: can't use file of type VoiceNote as Document");
    expect(await failure(tg.sendVideo(user.id, 'BAACAgInope'))).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect(await api('sendVideo', { chat_id: user.id })).toMatchObject({ ok: false, description: 'Bad Request: there is no video in the request' });
    expect(await api('sendVoice', { chat_id: user.id })).toMatchObject({ ok: false, description: 'Bad Request: there is no voice in the request' });
    expect(await api('sendVideoNote', { chat_id: user.id, video_note: 'https://example.com/a.mp4' })).toMatchObject({
      ok: false,
      description: 'Bad Request: sending video notes by a URL is currently unsupported',
    });
    expect(await failure(tg.sendVideo(user.id, video.message.video!.file_id, { caption: 'x'.repeat(1025) }))).toBe(
      'Bad Request: message caption is too long',
    );
    expect(await failure(tg.sendAudio(user.id, audio.message.audio!.file_id, { caption: '<b>open', parse_mode: 'HTML' }))).toMatch(
      /^Bad Request: can't parse entities/,
    );
  });

  test('uploads: sizes and kinds; a voice upload that is not OGG, MP3 or M4A arrives as a document', async () => {
    const tg = client().telegram;
    const user = alice();
    const uploaded = await tg.sendVideo(user.id, Input.fromBuffer(Buffer.from('mp4'), 'demo.mp4'), { duration: 12, width: 640, height: 360 });
    expect(uploaded.video).toMatchObject({ duration: 12, width: 640, height: 360, file_name: 'demo.mp4', mime_type: 'video/mp4' });
    expect(uploaded.video?.thumbnail).toMatchObject({ width: 320, height: 180 });
    const ogg = await tg.sendVoice(user.id, Input.fromBuffer(Buffer.from('OggS'), 'note.ogg'), { duration: 4 });
    expect(ogg.voice?.duration).toBe(4);
    const wav = await tg.sendVoice(user.id, Input.fromBuffer(Buffer.from('RIFF'), 'note.wav'));
    expect(wav.voice).toBeUndefined();
    // telegraf types the result as a voice message; Telegram answers with a document here.
    expect((wav as unknown as TgMessage).document?.file_name).toBe('note.wav');
    expect(await failure(tg.sendAudio(user.id, Input.fromBuffer(Buffer.alloc(0), 'empty.mp3')))).toBe('Bad Request: file must be non-empty');
  });

  test('sendMediaGroup: photos with videos, audio only with audio, documents only with documents', async () => {
    const tg = client().telegram;
    const user = alice();
    const photo = (await user.sendPhoto(Buffer.from('png'))).message.photo!.at(-1)!.file_id;
    const video = (await user.sendVideo({ duration: 3 })).message.video!.file_id;
    const audio = [(await user.sendAudio()).message.audio!.file_id, (await user.sendAudio()).message.audio!.file_id];
    const doc = (await user.sendDocument(Buffer.from('log'), { file_name: 'a.log' })).message.document!.file_id;
    const voice = (await user.sendVoice()).message.voice!.file_id;
    const before = fake.messages(user.id).length;

    const mixed = await tg.sendMediaGroup(user.id, [
      { type: 'photo', media: photo },
      { type: 'video', media: video, caption: '🎬 0:03' },
    ]);
    expect((mixed[1] as TgMessage | undefined)?.video?.duration).toBe(3);
    expect(mixed[1]?.caption).toBe('🎬 0:03');
    expect(mixed[1]?.media_group_id).toBe(mixed[0]?.media_group_id);
    const tracks = await tg.sendMediaGroup(user.id, audio.map((media) => ({ type: 'audio' as const, media })));
    expect(tracks.map((m) => (m as TgMessage).audio?.file_id)).toEqual(audio);

    const refusal = (items: unknown[]): Promise<ApiResponseBody> => api('sendMediaGroup', { chat_id: user.id, media: items });
    expect(await refusal([{ type: 'photo', media: photo }, { type: 'audio', media: audio[0] }])).toMatchObject({
      description: "Bad Request: audio can't be mixed with other media types",
    });
    expect(await refusal([{ type: 'video', media: video }, { type: 'document', media: doc }])).toMatchObject({
      description: "Bad Request: document can't be mixed with other media types",
    });
    expect(await refusal([{ type: 'voice', media: voice }, { type: 'voice', media: voice }])).toMatchObject({
      description: 'Bad Request: can\'t parse InputMedia: unsupported media type "voice"',
    });
    expect(await refusal([{ type: 'video', media: voice }, { type: 'photo', media: photo }])).toMatchObject({
      description: "Bad Request: can't use file of type VoiceNote as Video",
    });
    expect(fake.messages(user.id).length).toBe(before + 4);
  });

  test('copyMessage and forwardMessage keep the media', async () => {
    const tg = client().telegram;
    const user = alice();
    const voice = await user.sendVoice(5);
    const video = await user.sendVideo({ duration: 8, caption: 'rec' });
    await tg.copyMessage(user.id, user.id, voice.message.message_id);
    const forwarded = (await tg.forwardMessage(user.id, user.id, video.message.message_id)) as unknown as TgMessage;
    expect(forwarded.video?.file_id).toBe(video.message.video?.file_id);
    expect(forwarded.caption).toBe('rec');
    expect(fake.messages(user.id).map((m) => [m.method, m.media?.kind])).toEqual([
      ['copyMessage', 'voice'],
      ['forwardMessage', 'video'],
    ]);
  });

  test('a telegraf bot echoes what it receives with the matching method', async () => {
    const bot = client();
    bot.on(message('video'), (ctx) => ctx.replyWithVideo(ctx.message.video.file_id));
    bot.on(message('voice'), (ctx) => ctx.replyWithVoice(ctx.message.voice.file_id));
    bot.on(message('video_note'), (ctx) => ctx.replyWithVideoNote(ctx.message.video_note.file_id));
    const running = await launchBot(bot, fake);
    cleanups.push(() => running.stop());
    const user = alice();
    await user.sendVideo();
    await user.sendVoice();
    await user.sendVideoNote();
    await fake.waitForIdle();
    expect(fake.calls().filter((c) => c.method.startsWith('send')).map((c) => [c.method, c.httpStatus])).toEqual([
      ['sendVideo', 200],
      ['sendVoice', 200],
      ['sendVideoNote', 200],
    ]);
  });
});
