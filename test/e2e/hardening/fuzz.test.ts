import { Writable } from 'node:stream';
import pino from 'pino';
import { In } from 'typeorm';
import { encodeCallback } from '../../../src/telegram/callback-data';
import type { TicketState } from '../../../src/domain/ticket/types';
import { CommentEntity, TicketEntity, TicketHistoryEntity } from '../../../src/persistence/entities';
import { createCompany, createContract } from '../../support/mothers';
import type { FakeUser, TgMessage } from '../../../src/fake-telegram';
import { png, pdf } from '../support/files';
import { E2eWorld, newTelegramId } from '../support/harness';
import { seedTicket } from '../support/tickets';
import { Prng, randomCallbackData, randomText } from './prng';

/**
 * Fuzz: thousands of random and malformed updates from a client, a second client of the same
 * company and a stranger, through the fake Bot API server, to the real bot on a seeded database.
 * FUZZ_SEED replays a run; FUZZ_UPDATES changes its length.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const UPDATES = Number(process.env.FUZZ_UPDATES ?? 2000);
const BATCH = 25;

jest.setTimeout(420_000);

const STATES: readonly TicketState[] = ['new', 'clarification', 'accepted', 'rejected', 'customer_testing', 'in_development', 'ready_for_install', 'done'];
const TICKET_CODES = ['open', 'acc', 'clr', 'rep', 'cnf', 'ref', 'wd', 'tst', 'dev', 'rdy', 'asg', 'pri', 'log', 'hist', 'cmt', 'int', 'new'];
const COMMANDS = ['start', 'help', 'new', 'my', 'mine', 'ticket', 'files', 'find', 'cancel', 'hours', 'language', 'log', 'next', 'queue', 'admin', 'report', 'nonsense'];
/** Issue 13's own buttons: rating, the held message's choices, the cancel-draft question. */
const CLIENT_CALLBACKS: readonly (readonly [string, string])[] = [['rt', 's'], ['rt', 'c'], ['fm', 'add'], ['fm', 'new'], ['dlg', 'xx'], ['dlg', 'keep'], ['tk', 'rate'], ['nw', 'keep'], ['nw', 'noerr'], ['nw', 'form']];

/** The log entry of a failure, short enough to read in a jest diff. */
function summarize(entry: { msg?: string; err?: unknown; update?: unknown }): unknown {
  const err = entry.err as { type?: string; message?: string; stack?: string } | undefined;
  const at = err?.stack?.split('\n').find((line) => line.includes('/src/'))?.trim();
  return { msg: entry.msg, error: `${err?.type ?? ''}: ${err?.message ?? ''}`, at, update: JSON.stringify(entry.update)?.slice(0, 300) };
}

let world: E2eWorld;
const failures: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  // Every error-level log line of the bot (bot.catch logs 'update failed') is a failure of the run.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: unknown };
        if (entry.level >= 50) failures.push(summarize(entry));
      }
      done();
    },
  });
  world = await E2eWorld.start({ settings: { floodLimitPerMinute: 1_000_000, maxFileBytes: 5 * 1024 * 1024 } });
  (world.deps as { logger: unknown }).logger = pino({ level: 'error' }, sink);
  process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await world.stop();
});

interface Snapshot {
  readonly tickets: string;
  readonly history: number;
  readonly comments: number;
}

async function snapshotOf(companyId: string): Promise<Snapshot> {
  const m = world.db.dataSource.manager;
  const tickets = await m.find(TicketEntity, { where: { companyId }, order: { number: 'ASC' } });
  const ids = tickets.map((t) => t.id);
  return {
    tickets: JSON.stringify(tickets),
    history: ids.length ? await m.countBy(TicketHistoryEntity, { ticketId: In(ids) }) : 0,
    comments: ids.length ? await m.countBy(CommentEntity, { ticketId: In(ids) }) : 0,
  };
}

test(`${UPDATES} random and malformed updates: no failure, no unauthorized change, replies within limits`, async () => {
  const rng = new Prng(SEED);
  process.stdout.write(`[fuzz] seed=${SEED} updates=${UPDATES} (replay: FUZZ_SEED=${SEED})\n`);
  const m = world.db.dataSource.manager;

  // Seeded data: our company's tickets in every state, another company's tickets the fuzzers must not touch.
  const { user: alice, row: aliceRow } = await world.client('ru');
  const { user: bob, row: bobRow } = await world.client('en');
  const stranger = world.stranger('en', 'Mallory');
  // The seeded engineer has a Telegram chat too (files and notifications are copied to them).
  world.fake.user({ id: world.engineer.telegramId, first_name: 'Ivan', language_code: 'ru' });
  const other = await createCompany(m, { name: 'Other <b>&</b> Co' });
  await createContract(m, other.id, { monthlyHours: 10 });
  const { row: otherClient } = await world.client('ru', { companyId: other.id });
  const ours = await Promise.all(STATES.map((state) => seedTicket(world, aliceRow, state)));
  const theirs = await Promise.all(STATES.map((state) => seedTicket(world, otherClient, state, { companyId: other.id })));
  const ourNumbers = ours.map((t) => t.number);
  const theirNumbers = theirs.map((t) => t.number);
  const numbers = [...ourNumbers, ...theirNumbers, 0, -1, 999_999_999, 2 ** 53];
  const before = await snapshotOf(other.id);
  const oursBefore = new Map((await m.find(TicketEntity, { where: { companyId: world.company.id } })).map((t) => [t.id, t.state]));

  const actors: readonly FakeUser[] = [alice, bob, stranger];
  const group = world.fake.group({ title: 'Clinic staff' });
  const userMessages = new Map<number, TgMessage[]>();
  const remember = (user: FakeUser, message: TgMessage): void => {
    userMessages.set(user.id, [...(userMessages.get(user.id) ?? []), message]);
  };
  const kinds: Record<string, number> = {};

  const step = async (): Promise<void> => {
    const user = rng.pick(actors);
    const botMessages = world.fake.messages(user.id).filter((msg) => msg.sender === 'bot' && !msg.deleted);
    const roll = rng.int(0, 24);
    const kind =
      ['text', 'text', 'long', 'html', 'command', 'command', 'ticket', 'reply', 'forged_reply', 'button', 'button', 'stale_button',
        'forged_callback', 'random_callback', 'media', 'photo', 'document', 'big_file', 'edit', 'album', 'group', 'client_callback',
        'double_tap', 'timed_media', 'media_album'][roll] ?? 'text';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    switch (kind) {
      case 'text':
        remember(user, (await user.send(randomText(rng, rng.int(1, 200)))).message);
        return;
      case 'long':
        remember(user, (await user.send(randomText(rng, rng.pick([4096, 4097, 10_000])))).message);
        return;
      case 'html':
        remember(user, (await user.send(`<b><i>&${randomText(rng, 20)}</i></b> &amp; <a href="x">${rng.pick(['№', '#'])}${rng.pick(numbers)}`)).message);
        return;
      case 'command':
        await user.command(rng.pick(COMMANDS), rng.chance(0.5) ? randomText(rng, rng.int(1, 80)) : undefined);
        return;
      case 'ticket':
        await user.command(rng.pick(['ticket', 'files']), String(rng.pick(numbers)));
        return;
      case 'reply': {
        if (botMessages.length === 0) return void (await user.command('start'));
        await user.replyTo(rng.pick(botMessages), rng.chance(0.8) ? randomText(rng, rng.int(1, 300)) : '');
        return;
      }
      case 'forged_reply': {
        // A reply to a "bot message" the client never got: the bot must still check access.
        const number = rng.pick(theirNumbers.concat(ourNumbers));
        const forged = {
          message_id: rng.int(1, 1_000_000),
          date: Math.floor(Date.now() / 1000),
          chat: { id: user.id, type: 'private' as const, first_name: 'x' },
          from: { id: 1, is_bot: true, first_name: 'Desk' },
          text: `№${number} ${randomText(rng, 10)}`,
        };
        world.fake.injectUpdate({
          message: {
            message_id: rng.int(1_000_001, 2_000_000),
            date: Math.floor(Date.now() / 1000),
            chat: { id: user.id, type: 'private', first_name: user.profile.first_name },
            from: { id: user.id, is_bot: false, first_name: user.profile.first_name },
            text: randomText(rng, rng.int(1, 100)),
            reply_to_message: forged,
          },
        } as never);
        return;
      }
      case 'button':
      case 'stale_button': {
        const withButtons = botMessages.filter((msg) => (msg.replyMarkup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard?.length);
        if (withButtons.length === 0) return void (await user.command(rng.pick(['my', 'new', 'start'])));
        const message = kind === 'button' ? withButtons[withButtons.length - 1]! : rng.pick(withButtons);
        const rows = (message.replyMarkup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard;
        const data = rng.pick(rows.flat()).callback_data;
        if (data !== undefined) await user.pressData(data, message);
        return;
      }
      case 'forged_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('help'));
        const data = encodeCallback('tk', rng.pick(TICKET_CODES), rng.pick(numbers), ...(rng.chance(0.3) ? [rng.int(0, 99)] : []));
        await user.pressData(data, anchor);
        return;
      }
      case 'random_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('help'));
        await user.pressData(randomCallbackData(rng), anchor);
        return;
      }
      case 'media': {
        const media = rng.int(0, 3);
        if (media === 0) await user.sendSticker(rng.pick(['👍', '🔥', '']));
        else if (media === 1) await user.sendVoice(rng.int(0, 3600));
        else if (media === 2) await user.sendLocation(rng.next() * 180 - 90, rng.next() * 360 - 180);
        else await user.sendContact(`+${rng.int(1_000_000, 99_999_999_999)}`, randomText(rng, 12), rng.chance(0.5) ? user.id : undefined);
        return;
      }
      case 'timed_media': {
        // Issue 13 §3: video, video notes, voice, audio and GIFs — any length, some over the size limit,
        // captions up to Telegram's 1024, sometimes a reply to a bot message.
        const options = {
          duration: rng.int(0, 7200),
          size: rng.pick([1, 4096, 5 * 1024 * 1024, 20 * 1024 * 1024 + 1, 2 ** 31]),
          ...(rng.chance(0.4) && { caption: randomText(rng, rng.pick([10, 1024])) }),
          ...(rng.chance(0.3) && botMessages.length > 0 && { replyTo: rng.pick(botMessages) }),
        };
        const media = rng.pick(['video', 'video_note', 'voice', 'audio', 'animation'] as const);
        if (media === 'video') await user.sendVideo({ ...options, file_name: rng.pick(['screen.mp4', 'a.exe', `${randomText(rng, 20)}.mov`]) });
        else if (media === 'video_note') await user.sendVideoNote(options);
        else if (media === 'voice') await user.sendVoice(options.duration, options);
        else if (media === 'audio') await user.sendAudio({ ...options, performer: randomText(rng, 10), title: randomText(rng, 10) });
        else await user.sendAnimation(options);
        return;
      }
      case 'media_album':
        await user.sendAlbum([png(), { video: { duration: rng.int(0, 600), size: rng.pick([1000, 30 * 1024 * 1024]) } }, png(10, 10)], rng.chance(0.5) ? randomText(rng, 40) : undefined);
        return;
      case 'photo':
        await user.sendPhoto(png(rng.int(1, 5000), rng.int(1, 5000)), rng.chance(0.5) ? randomText(rng, rng.pick([10, 1024, 1100])) : undefined);
        return;
      case 'document':
        await user.sendDocument(pdf(), {
          file_name: rng.pick(['spec.pdf', 'a.exe', '../../etc/passwd', `${randomText(rng, 30)}.pdf`, 'noext']),
          mime_type: rng.pick(['application/pdf', 'application/x-msdownload', 'text/html', 'image/png']),
          ...(rng.chance(0.3) && { caption: randomText(rng, 50) }),
        });
        return;
      case 'big_file':
        await user.sendDocument(pdf(), { file_name: 'huge.pdf', mime_type: 'application/pdf', size: rng.pick([5 * 1024 * 1024 + 1, 60 * 1024 * 1024, 2 ** 31]) });
        return;
      case 'edit': {
        const mine = userMessages.get(user.id) ?? [];
        if (mine.length === 0) return void (await user.send(randomText(rng, 5)));
        await user.editMessage(rng.pick(mine), randomText(rng, rng.int(1, 500)));
        return;
      }
      case 'album':
        await user.sendAlbum([png(), png(10, 10), png(6000, 10)], rng.chance(0.5) ? randomText(rng, 40) : undefined);
        return;
      case 'group': {
        // Issue 13 §8: commands and chatter in a group, buttons pressed there.
        const inGroup = user.in(group);
        if (rng.chance(0.5)) await inGroup.command(rng.pick(COMMANDS), rng.chance(0.3) ? String(rng.pick(numbers)) : undefined);
        else await inGroup.send(randomText(rng, rng.int(1, 100)));
        return;
      }
      case 'client_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('help'));
        const [scope, action] = rng.pick(CLIENT_CALLBACKS);
        await user.pressData(encodeCallback(scope, action, ...(rng.chance(0.8) ? [rng.pick(numbers)] : []), ...(rng.chance(0.6) ? [rng.int(-1, 7)] : [])), anchor);
        return;
      }
      case 'double_tap': {
        // The same button twice at once: never a call Telegram rejects.
        const withButtons = botMessages.filter((msg) => (msg.replyMarkup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard?.length);
        const message = withButtons[withButtons.length - 1];
        if (!message) return void (await user.command('help'));
        const data = rng.pick((message.replyMarkup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard.flat()).callback_data;
        if (data !== undefined) await Promise.all([user.pressData(data, message), user.pressData(data, message)]);
        return;
      }
    }
  };

  const started = Date.now();
  for (let done = 0; done < UPDATES; done += BATCH) {
    for (let i = 0; i < BATCH && done + i < UPDATES; i++) await step();
    await world.fake.waitForIdle({ quietMs: 20, timeoutMs: 30_000 });
  }
  await world.fake.waitForIdle({ quietMs: 200, timeoutMs: 30_000 });
  const seconds = (Date.now() - started) / 1000;

  const calls = world.fake.calls();
  // Two quick presses on one keyboard both ask to remove it; Telegram answers the second "not modified"
  // and the bot ignores that (a benign race real users cause too). Anything else rejected is a bug.
  // A 👀 on a message the fuzzer injected without it ever existing in the chat (forged_reply): Telegram
  // never delivers such a message, so its "message to react not found" says nothing about the bot.
  const forgedReaction = (call: (typeof calls)[number]): boolean =>
    call.method === 'setMessageReaction' && world.fake.message(Number(call.params.chat_id), Number(call.params.message_id)) === undefined;
  const benign = (call: (typeof calls)[number]): boolean =>
    (call.method === 'editMessageReplyMarkup' && JSON.stringify(call.response).includes('message is not modified')) || forgedReaction(call);
  const rejected = calls.filter((call) => (call.httpStatus ?? 200) >= 400 && !benign(call));
  const queries = world.fake.callbackQueries();
  const unanswered = queries.filter((query) => !query.answer);
  process.stdout.write(
    `[fuzz] seed=${SEED}: ${world.fake.updates().length} updates in ${seconds.toFixed(1)} s, ${calls.length} API calls, ` +
      `${queries.length} callback queries, ${rejected.length} rejected calls (+${calls.filter(benign).length} benign "not modified"), ${failures.length} errors; kinds ${JSON.stringify(kinds)}\n`,
  );

  expect(unhandled).toEqual([]);
  expect(failures).toEqual([]);
  expect(rejected.map((call) => ({ method: call.method, response: call.response, params: JSON.stringify(call.params).slice(0, 200) }))).toEqual([]);
  expect(unanswered.map((query) => query.query.data)).toEqual([]);

  // Another company's tickets, their history and comments: untouched.
  expect(await snapshotOf(other.id)).toEqual(before);
  // Our tickets changed only through a client of the company (or the system).
  const clientIds = new Set([aliceRow.id, bobRow.id]);
  for (const ticket of await m.find(TicketEntity, { where: { companyId: world.company.id } })) {
    const was = oursBefore.get(ticket.id);
    if (was === undefined) {
      expect(clientIds.has(ticket.authorId)).toBe(true);
      continue;
    }
    if (was === ticket.state) continue;
    const changes = await m.findBy(TicketHistoryEntity, { ticketId: ticket.id, field: 'state' });
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.actorId === null || clientIds.has(change.actorId)).toBe(true);
  }
  // The bot is still up: a plain /help is answered.
  const probe = world.fake.user({ id: newTelegramId(), first_name: 'Probe', language_code: 'en' });
  await probe.command('help');
  await world.fake.waitForMessage(probe.id, undefined, { timeoutMs: 10_000 });
});
