import { LANGUAGES } from '../../../src/i18n';
import { E2eWorld } from '../support/harness';
import { seedTicket } from '../support/tickets';

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.start();
});

afterAll(async () => {
  await world.stop();
});

describe.each(LANGUAGES)('the bot in a group (%s)', (lang) => {
  test('a command gets a one-line pointer with a link to the private chat and no ticket data; other messages are ignored', async () => {
    const { user, row } = await world.client(lang);
    await seedTicket(world, row, 'clarification');
    const group = world.fake.group({ title: 'Clinic staff', type: lang === 'ru' ? 'supergroup' : 'group' });
    const inGroup = user.in(group);
    await inGroup.command('new');
    const pointer = await world.fake.waitForMessage(group.id, (m) => m.sender === 'bot');
    expect(pointer.text).toMatch(/https:\/\/t\.me\/\w+/);
    expect(pointer.text).toContain(world.t(lang, 'bot.group.pointer', { link: '' }).trim());
    expect(pointer.text).not.toMatch(/№\d/);
    const count = world.fake.messages(group.id).length;
    await inGroup.send(lang === 'ru' ? 'Коллеги, касса опять не работает' : 'Folks, the till is down again');
    await inGroup.command('my');
    await world.fake.waitForIdle({ quietMs: 300 });
    const after = world.fake.messages(group.id).filter((m) => m.sender === 'bot');
    expect(after).toHaveLength(2);
    expect(after.every((m) => !/№\d/.test(m.text ?? ''))).toBe(true);
    expect(count).toBe(1);
    // Nothing reached the private chat either.
    expect(world.fake.messages(user.id).filter((m) => m.sender === 'bot')).toHaveLength(0);
  });
});
