import { LANGUAGES } from '../../../src/i18n';
import { EngineerWorld } from './engineer-world';

/**
 * "I did not understand" is never an answer: staff text that answers no ticket message, and an
 * unknown command, get what happened and what the user can do (their role's help), in their language.
 */
let w: EngineerWorld;

beforeAll(async () => {
  w = await EngineerWorld.start();
});

afterAll(async () => {
  await w.stop();
});

test.each(LANGUAGES)('%s: an engineer’s stray text and an unknown command are answered with the way to write on a ticket and the commands', async (lang) => {
  const { world } = w;
  const { user: engineer } = await world.staff('engineer', lang);
  const help = world.t(lang, 'bot.help.engineer').replace(/<[^>]+>/g, '');

  await engineer.send('Коллеги, я на обеде до 14:00');
  const stray = await w.wait(engineer, w.said(lang, 'bot.unhandled'));
  expect(stray.text).toContain(help.split('\n')[1] ?? help);

  await engineer.command('nosuch');
  const unknown = await w.wait(engineer, w.said(lang, 'bot.unknown_command'));
  expect(unknown.text).toContain(help.split('\n')[1] ?? help);
  expect(unknown.text).not.toContain(world.t(lang, 'bot.unhandled'));
});
