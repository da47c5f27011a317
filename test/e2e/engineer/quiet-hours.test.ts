import type { Priority } from '../../../src/domain/ticket/types';
import { EngineerWorld } from './engineer-world';

/**
 * Issue 14, point 6: outside working hours staff notifications go silently
 * (disable_notification), high priority excepted; clients' are never silenced here.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test.each(['ru', 'en'] as const)('a new ticket at night reaches the engineer silently, a high-priority one with sound, a daytime one with sound (%s)', async (lang) => {
  const { world } = w;
  const { row: clientRow } = await world.client(lang);
  const { user: engineer } = await world.staff('engineer', lang);
  const create = async (subject: string, priority: Priority): Promise<number> => {
    const result = await world.deps.desk.tickets.create({
      actor: { kind: 'user', userId: clientRow.id, role: 'client', companyId: clientRow.companyId, departmentId: null },
      serviceCode: 'support.phone',
      type: 'question',
      priority,
      subject,
      description: 'Как сформировать ежемесячный отчёт по услугам за прошлый месяц?',
      attachments: [],
    });
    return result.ticket.number;
  };
  /** Whether the alert about №number reached the engineer's chat with disable_notification. */
  const silentAlert = async (number: number): Promise<boolean> => {
    await w.wait(engineer, (m) => (m.text ?? '').includes(`№${number}`));
    const call = world.fake
      .calls()
      .find((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === engineer.id && String(c.params.text).includes(`№${number}`));
    if (!call) throw new Error(`no sendMessage about №${number}`);
    return call.params.disable_notification === true || call.params.disable_notification === 'true';
  };

  // 23:00 in Moscow, a Tuesday: outside working hours.
  world.clock.set(new Date('2026-03-10T20:00:00Z'));
  expect(await silentAlert(await create(`Ночью ${lang}`, 'normal'))).toBe(true);
  expect(await silentAlert(await create(`Срочно ночью ${lang}`, 'high'))).toBe(false);
  // 11:00 the next morning: working hours.
  world.clock.set(new Date('2026-03-11T08:00:00Z'));
  expect(await silentAlert(await create(`Днём ${lang}`, 'normal'))).toBe(false);
});
