import { RegulationVersionEntity } from '../../../src/persistence/entities';
import { EngineerWorld } from './engineer-world';

let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test('an admin publishes a regulation version from /admin and every user is asked to accept it', async () => {
  const { world } = w;
  const { user: admin } = await world.staff('admin', 'ru');
  const { user: client } = await world.client('en');

  await admin.command('admin');
  const menu = await w.wait(admin, w.said('ru', 'admin.menu.title'));
  await admin.press(world.t('ru', 'admin.menu.regulation'), { message: menu });
  await w.wait(admin, w.said('ru', 'admin.regulation.current', { version: 1, url: 'https://www.medis-plus.ru/OTRS.pdf' }));
  await admin.press(world.t('ru', 'admin.regulation.publish'));
  await w.wait(admin, w.said('ru', 'admin.regulation.ask_summary_ru'));
  await admin.send('коротко');
  await w.wait(admin, w.said('ru', 'admin.regulation.ask_summary_ru'));
  await admin.send('Изменён срок ответа на уточнение: 10 дней.');
  await w.wait(admin, w.said('ru', 'admin.regulation.ask_summary_en'));
  await admin.send('The clarification window is now 10 days.');
  await w.wait(admin, w.said('ru', 'admin.regulation.ask_url'));
  await admin.send('https://example.org/regulation-v2.pdf');
  await w.wait(admin, w.said('ru', 'admin.regulation.published', { version: 2 }));
  expect(await w.manager.findOneByOrFail(RegulationVersionEntity, { version: 2 })).toMatchObject({
    summaryEn: 'The clarification window is now 10 days.',
    url: 'https://example.org/regulation-v2.pdf',
  });

  await client.command('help');
  await w.wait(client, (m) => (m.text ?? '').includes('The clarification window is now 10 days.'));
});
