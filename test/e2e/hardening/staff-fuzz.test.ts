import { Writable } from 'node:stream';
import pino from 'pino';
import { defaultFeatures } from '../../../src/bot/features';
import { adminFeatures } from '../../../src/bot/features/admin';
import { engineerFeatures } from '../../../src/bot/features/engineer';
import { encodeCallback } from '../../../src/telegram/callback-data';
import type { TicketState } from '../../../src/domain/ticket/types';
import { startDispatcher, type RunningDispatcher } from '../../../src/notify';
import type { FakeUser } from '../../../src/fake-telegram';
import { png, pdf } from '../support/files';
import { E2eWorld, newTelegramId } from '../support/harness';
import { seedTicket } from '../support/tickets';
import { Prng, randomCallbackData, randomText } from './prng';

/**
 * Fuzz of the staff and admin screens (issue 14): random and malformed updates from an
 * engineer, an admin and a client through the fake Bot API to the real bot with the engineer
 * and admin features and the dispatcher running. Every Bot API call must be accepted (0
 * rejected), every callback answered, no error logged. STAFF_FUZZ_SEED replays a run;
 * STAFF_FUZZ_UPDATES changes its length.
 */
const SEED = Number(process.env.STAFF_FUZZ_SEED ?? 20261201);
const UPDATES = Number(process.env.STAFF_FUZZ_UPDATES ?? 800);
const BATCH = 20;

jest.setTimeout(240_000);

const STATES: readonly TicketState[] = ['new', 'clarification', 'accepted', 'rejected', 'customer_testing', 'in_development', 'ready_for_install', 'done'];
const TICKET_CODES = ['open', 'acc', 'clr', 'rep', 'cnf', 'ref', 'wd', 'tst', 'dev', 'rdy', 'asg', 'pri', 'log', 'hist', 'cmt', 'int', 'new', 'pln'];
const STAFF_CODES = ['q', 'nx', 'h', 'd', 'ovr', 'ar', 'as', 'pr', 'fl', 'rv', 'rd'];
const COMMANDS = ['start', 'help', 'queue', 'next', 'mine', 'ticket', 'files', 'log', 'cancel', 'admin', 'report', 'language', 'my', 'new', 'settings', 'nonsense'];
/** Admin screens and forms (issue 14 §7): menus, the contract form and screen, dates, invites, users, departments. */
const ADMIN_CODES = [
  'menu', 'x', 'inv', 'ic', 'ie', 'icc', 'ied', 'id', 'iu', 'ir', 'usr', 'ub', 'uu', 'stf', 'sr', 'sm', 'smd', 'cmp', 'ca', 'cc',
  'cf', 'ct', 'ce', 'cy', 'dp', 'dc', 'ds', 'nop', 'dep', 'da', 'svc', 'sn', 'sx', 'sa', 'reg', 'rp', 'rep', 'rm', 'rc',
];
const ADMIN_ARGS = ['k', 'm', 'ok', 'b', 'contract', 'paid', 'none', 'support_paid', 'support', 'implementation', 'y', 'n', 'h', 'e', 'x', 'c', 'd', '1', '5', '7', '20', '30', '365', '20260315', '20261231', '20260230', '202604', '209912', '2026-03', 'all', 'engineer', 'admin', 'support.phone'];
/** What an admin types into forms: numbers with a comma, dates, names, too long and empty-ish texts. */
const ADMIN_TEXTS = ['S-12', '12,5', '0', '745', '7,3', 'сорок', '31.12.2026', '01.01.2020', '32.13.2026', 'Field service', 'Выездная служба', 'F', 'Left the clinic', 'https://example.org/reg.pdf'];

function summarize(entry: { msg?: string; err?: unknown }): unknown {
  const err = entry.err as { type?: string; message?: string; stack?: string } | undefined;
  const at = err?.stack?.split('\n').find((line) => line.includes('/src/'))?.trim();
  return { msg: entry.msg, error: `${err?.type ?? ''}: ${err?.message ?? ''}`, at };
}

let world: E2eWorld;
let dispatcher: RunningDispatcher | undefined;
const failures: unknown[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
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
  world = await E2eWorld.start({
    features: defaultFeatures([...engineerFeatures, ...adminFeatures]),
    settings: { floodLimitPerMinute: 1_000_000, maxFileBytes: 5 * 1024 * 1024 },
  });
  (world.deps as { logger: unknown }).logger = pino({ level: 'error' }, sink);
  dispatcher = startDispatcher({ desk: world.deps.desk, clock: world.deps.clock, translate: world.translate }, { telegram: world.bot.telegram, pollMs: 50 });
  process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await dispatcher?.stop();
  await world.stop();
});

test(`${UPDATES} random staff and admin updates: no rejected call, no error, every button answered`, async () => {
  const rng = new Prng(SEED);
  process.stdout.write(`[staff-fuzz] seed=${SEED} updates=${UPDATES} (replay: STAFF_FUZZ_SEED=${SEED})\n`);
  const { user: client, row: clientRow } = await world.client('ru');
  const { user: engineer } = await world.staff('engineer', 'ru');
  const { user: admin } = await world.staff('admin', 'en');
  world.fake.user({ id: world.engineer.telegramId, first_name: 'Ivan', language_code: 'ru' });
  const tickets = await Promise.all(STATES.flatMap((state) => [seedTicket(world, clientRow, state), seedTicket(world, clientRow, state)]));
  const numbers = [...tickets.map((t) => t.number), 0, -1, 999_999_999];
  const departments = [world.department.id, '00000000-0000-0000-0000-000000000000', 'x'];
  // Real ids for the admin callbacks: the company, its contract, the department, the client.
  const targets = [world.company.id, world.contract.id, world.department.id, clientRow.id, '00000000-0000-0000-0000-000000000000'];
  const actors: readonly FakeUser[] = [engineer, engineer, admin, admin, client];
  const kinds: Record<string, number> = {};

  const step = async (): Promise<void> => {
    const user = rng.pick(actors);
    const botMessages = world.fake.messages(user.id).filter((msg) => msg.sender === 'bot' && !msg.deleted);
    const withButtons = botMessages.filter((msg) => (msg.replyMarkup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard?.length);
    const kind = rng.pick(['command', 'command', 'ticket', 'log', 'button', 'button', 'button', 'stale_button', 'reply', 'text', 'admin_text', 'forged_callback', 'staff_callback', 'admin_callback', 'random_callback', 'photo', 'document', 'long'] as const);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    switch (kind) {
      case 'command':
        await user.command(rng.pick(COMMANDS), rng.chance(0.3) ? randomText(rng, rng.int(1, 40)) : undefined);
        return;
      case 'ticket':
        await user.command(rng.pick(['ticket', 'files']), String(rng.pick(numbers)));
        return;
      case 'log':
        await user.command('log', `${rng.pick(numbers)} ${rng.pick(['1', '0,25', '25', 'x', '1.5', '-2'])} ${randomText(rng, rng.int(0, 30))}`);
        return;
      case 'button':
      case 'stale_button': {
        if (withButtons.length === 0) return void (await user.command(rng.pick(['queue', 'admin', 'mine'])));
        const message = kind === 'button' ? withButtons[withButtons.length - 1]! : rng.pick(withButtons);
        const rows = (message.replyMarkup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard;
        const data = rng.pick(rows.flat()).callback_data;
        if (data !== undefined) await user.pressData(data, message);
        return;
      }
      case 'reply':
        if (botMessages.length === 0) return void (await user.command('start'));
        await user.replyTo(rng.pick(botMessages), rng.chance(0.8) ? randomText(rng, rng.int(1, 300)) : '');
        return;
      case 'text':
        await user.send(rng.chance(0.3) ? rng.pick(['1', '0,5', '31.12.2026', 'Поставщик', '40', '+']) : randomText(rng, rng.int(1, 200)));
        return;
      case 'admin_text':
        await user.send(rng.pick(ADMIN_TEXTS));
        return;
      case 'admin_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('admin'));
        const args = Array.from({ length: rng.int(0, 4) }, () => rng.pick([...ADMIN_ARGS, ...targets]));
        // Telegram carries at most 64 bytes of callback data: longer forged data is cut there.
        await user.pressData(['ad', rng.pick(ADMIN_CODES), ...args].join(':').slice(0, 64), anchor);
        return;
      }
      case 'long':
        await user.send(randomText(rng, rng.pick([4096, 5000])));
        return;
      case 'forged_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('help'));
        await user.pressData(encodeCallback('tk', rng.pick(TICKET_CODES), rng.pick(numbers)), anchor);
        return;
      }
      case 'staff_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('help'));
        const code = rng.pick(STAFF_CODES);
        const args = code === 'q' || code === 'nx' ? [rng.pick(departments), rng.int(-1, 60)] : [rng.pick(numbers), rng.pick(['o', 'r', 'p', 'i', 'x', '4', 'none', '260315'])];
        await user.pressData(encodeCallback('en', code, ...args), anchor);
        return;
      }
      case 'random_callback': {
        const anchor = botMessages.length ? rng.pick(botMessages) : undefined;
        if (!anchor) return void (await user.command('help'));
        await user.pressData(randomCallbackData(rng), anchor);
        return;
      }
      case 'photo':
        await user.sendPhoto(png(rng.int(1, 3000), rng.int(1, 3000)), rng.chance(0.5) ? randomText(rng, rng.pick([10, 1024])) : undefined);
        return;
      case 'document':
        await user.sendDocument(pdf(), { file_name: rng.pick(['spec.pdf', `${randomText(rng, 20)}.pdf`]), mime_type: 'application/pdf' });
        return;
    }
  };

  const started = Date.now();
  for (let done = 0; done < UPDATES; done += BATCH) {
    for (let i = 0; i < BATCH && done + i < UPDATES; i++) await step();
    await world.fake.waitForIdle({ quietMs: 20, timeoutMs: 30_000 });
  }
  await world.fake.waitForIdle({ quietMs: 300, timeoutMs: 30_000 });
  const seconds = (Date.now() - started) / 1000;

  const calls = world.fake.calls();
  // As in the client fuzz: two presses on one message before the first edit lands carry the
  // same old snapshot, so the second edit is "not modified" (a race real users cause too; the bot
  // ignores that answer). A press on a message already showing the page makes no call at all.
  const benign = (call: (typeof calls)[number]): boolean =>
    (call.method === 'editMessageReplyMarkup' || call.method === 'editMessageText') && JSON.stringify(call.response).includes('message is not modified');
  const rejected = calls.filter((call) => (call.httpStatus ?? 200) >= 400 && !benign(call));
  const queries = world.fake.callbackQueries();
  const unanswered = queries.filter((query) => !query.answer);
  process.stdout.write(
    `[staff-fuzz] seed=${SEED}: ${world.fake.updates().length} updates in ${seconds.toFixed(1)} s, ${calls.length} API calls, ` +
      `${queries.length} callback queries, ${rejected.length} rejected calls (+${calls.filter(benign).length} benign "not modified"), ${failures.length} errors; kinds ${JSON.stringify(kinds)}\n`,
  );
  expect(unhandled).toEqual([]);
  expect(failures).toEqual([]);
  expect(rejected.map((call) => ({ method: call.method, params: JSON.stringify(call.params).slice(0, 300), response: call.response }))).toEqual([]);
  expect(unanswered.map((query) => query.query.data)).toEqual([]);

  const probe = world.fake.user({ id: newTelegramId(), first_name: 'Probe', language_code: 'en' });
  await probe.command('help');
  await world.fake.waitForMessage(probe.id, undefined, { timeoutMs: 10_000 });
});
