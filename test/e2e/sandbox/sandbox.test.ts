import { chmodSync, existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsNull } from 'typeorm';
import { createTranslator, type Translate } from '../../../src/i18n';
import { CompanyEntity, OutboxEntity, TicketEntity, TicketHistoryEntity } from '../../../src/persistence/entities';
import { createSandbox, SAMPLES_DIR, type Sandbox } from '../../../src/sandbox/sandbox';
import { stripHtml } from '../../../src/fake-telegram';
import { png } from '../support/files';

jest.setTimeout(120_000);

let sandbox: Sandbox;
let translate: Translate;
const dir = mkdtempSync(join(tmpdir(), 'sandbox-test-'));

beforeAll(async () => {
  translate = await createTranslator('en');
  sandbox = await createSandbox({ language: 'en' });
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the lines one by one; returns everything printed. */
async function run(...lines: string[]): Promise<string> {
  const out: string[] = [];
  for (const line of lines) out.push(`> ${line}`, ...(await sandbox.handleLine(line)));
  return out.join('\n');
}

/** The text of a key up to its first parameter, as the terminal shows it. */
function head(key: string): string {
  const raw = translate('en', key);
  return stripHtml(raw.split('{{')[0] ?? raw).trim().split('\n')[0] ?? '';
}

test('starts with no configuration: intro, help, personas, numbered buttons, clock', async () => {
  expect(sandbox.intro().join('\n')).toContain('Demo Clinic');
  expect(await run('/help')).toContain('/clock +7d');
  expect(await run('/as nobody')).toContain(translate('en', 'sandbox.unknown_persona'));
  expect(await run('/clock')).toContain('10.03.2026');
  expect(await run('/clock -1d')).toContain(translate('en', 'sandbox.clock_usage'));
  expect(await run('/press 99')).toContain(head('sandbox.no_button'));
  // The bot's own /help through "//".
  expect(await run('//help')).toContain(head('bot.help.client'));
});

test('a whole ticket life: created with a photo, clarification asked, reminder and automatic close after clock jumps', async () => {
  const created = await run(
    '/as client',
    '/new',
    '/press Support',
    '/press Phone consultation',
    '/press Question',
    '/press Normal',
    'Report does not open',
    'The monthly report shows an empty page since this morning.',
    '/photo ./screen.png the empty page',
    '/press Done',
    '/press Create',
  );
  expect(created).toMatch(/\[\d+\] Support/);
  expect(created).toContain('№1');
  expect(created).toMatch(/\d+ new message\(s\) for the engineer/);

  const asked = await run('/as engineer', '/press Ask for clarification', 'Which report exactly, and since when?');
  expect(asked).toContain('№1');
  const m = sandbox.dataSource.manager;
  const ticket = await m.findOneByOrFail(TicketEntity, { number: 1 });
  expect(ticket.state).toBe('clarification');

  const client = await run('/as client');
  expect(client).toContain('Which report exactly');
  const replyTo = /\[m(\d+)\][^\n]*№1/.exec(client)?.[1];
  expect(replyTo).toBeDefined();

  // The window ends 24.03.2026 19:00 (the close of its 14th day); its 7-day reminder falls at
  // 17.03 19:00, after hours, and goes at the next opening: by 18.03 10:00 it has been sent.
  const week = await run('/clock +8d');
  expect(week).toContain('18.03.2026');
  const reminders = await m.findBy(OutboxEntity, { ticketId: ticket.id, status: 'sent' });
  expect(reminders.map((row) => row.key).filter((key) => key.includes('remind'))).not.toHaveLength(0);
  expect(week).toContain('№1');

  // Past the window: closed by the scheduler, the client is told.
  const closed = await run('/clock +7d');
  expect(closed).toContain('№1');
  const after = await m.findOneByOrFail(TicketEntity, { number: 1 });
  expect(after.state).not.toBe('clarification');
  const systemChange = await m.findOneBy(TicketHistoryEntity, { ticketId: ticket.id, field: 'state', actorId: IsNull() });
  expect(systemChange?.fromValue).toBe('clarification');
});

test('a local file is sent from its path; the sample ./screen.png of the README works from any directory', async () => {
  const photo = join(dir, 'own.png');
  writeFileSync(photo, png());
  expect(await run(`/photo ${photo}`)).not.toContain(head('sandbox.file_not_found'));
  expect(await run('/photo ./no-such-picture.png')).toContain(head('sandbox.file_not_found'));
  expect(existsSync(join(process.cwd(), 'screen.png'))).toBe(false);
  const before = sandbox.fake.updates().length;
  expect(await run('/as client', '/photo ./screen.png')).not.toContain(head('sandbox.file_not_found'));
  const sent = sandbox.fake.updates().slice(before).flatMap((u) => u.message?.photo?.at(-1)?.file_id ?? []);
  expect(sent).toHaveLength(1);
  expect(sandbox.fake.fileContent(sent[0] ?? '')).toEqual(readFileSync(join(SAMPLES_DIR, 'screen.png')));
});

test('with a kept data directory the data and the sandbox clock survive a restart', async () => {
  const kept = join(dir, 'kept');
  chmodSync(dir, 0o755);
  const first = await createSandbox({ language: 'en', dataDir: kept });
  try {
    expect((await first.handleLine('/clock +2d')).join('\n')).toContain('12.03.2026');
  } finally {
    await first.close();
  }
  const second = await createSandbox({ language: 'en', dataDir: kept });
  try {
    expect((await second.handleLine('/clock')).join('\n')).toContain('12.03.2026');
    expect(second.intro().join('\n')).toContain('Demo Clinic');
    // Seeded once: the demo company of the first run is the only one.
    expect(await second.dataSource.manager.count(CompanyEntity)).toBe(1);
  } finally {
    await second.close();
  }
});

test('issue 13 in the sandbox: free text, albums with a caption, voice, stickers, edits and buttons of earlier messages', async () => {
  const photo = join(dir, 'album.png');
  writeFileSync(photo, png());
  const offer = await run('/as client', 'Hello, the till in the registry is down again');
  expect(offer).toContain(head('client.free.none_waiting'));
  const clientId = sandbox.fake.updates().at(-1)?.message?.from?.id ?? 0;
  const offerMessage = sandbox.fake.messages(clientId).filter((m) => m.sender === 'bot').at(-1)!;
  expect(await run(`/album ${photo} ${photo} | Both screens`)).toContain(head('client.free.none_waiting'));
  expect(sandbox.fake.updates().at(-1)?.message?.media_group_id).toBeDefined();
  expect(await run('/album one.png')).toContain(head('sandbox.album_usage'));
  expect(await run('/voice 7')).not.toContain(head('sandbox.no_message'));
  expect(await run('/sticker')).toContain(head('client.free.sticker'));
  const mine = sandbox.fake.updates().map((u) => u.message).filter((m) => m?.text === 'Hello, the till in the registry is down again').at(-1)!;
  expect(await run(`/edit m${mine.message_id} Hello, the till is down`)).toContain(head('client.edit.not_stored'));
  expect(await run('/edit m999999 x')).toContain(head('sandbox.no_message'));
  // "New ticket" pressed on the earlier offer (the newest offer is for the sticker-less album).
  const pressed = await run(`/pressm m${offerMessage.messageId} 1`);
  expect(pressed).not.toContain(head('sandbox.no_button'));
  expect(await run('/pressm m1 99')).toContain(head('sandbox.no_button'));
  await run('/cancel');
});

test('issue 13 in the sandbox: /video, /videonote, /audio and /gif send what a phone sends', async () => {
  await run('/as client');
  // The earlier test left a draft open: the bot answers within it, never "unsupported".
  expect(await run('/video 42 The error on screen')).not.toContain(head('client.new.unsupported_message'));
  const video = sandbox.fake.updates().at(-1)?.message;
  expect(video?.video).toMatchObject({ duration: 42, file_name: 'screen-recording.mp4', mime_type: 'video/mp4' });
  expect(video?.caption).toBe('The error on screen');
  await run('/videonote 9');
  expect(sandbox.fake.updates().at(-1)?.message?.video_note).toMatchObject({ duration: 9 });
  await run('/audio 60');
  expect(sandbox.fake.updates().at(-1)?.message?.audio).toMatchObject({ duration: 60, file_name: 'recording.mp3' });
  await run('/gif');
  const gif = sandbox.fake.updates().at(-1)?.message;
  expect(gif?.animation).toBeDefined();
  expect(gif?.document?.file_id).toBe(gif?.animation?.file_id);
  expect(await run('/help')).toContain('/videonote [seconds]');
  await run('/cancel');
});
