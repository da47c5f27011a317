import { offer } from '../../../src/application/views/ticket-actions';
import { offerKeyboard } from '../../../src/telegram/ticket-actions';

const label = (key: string): string => `<${key}>`;

describe('buttons of an offer spanning several tickets (a reminder digest)', () => {
  it('start with the ticket number, so two Confirm buttons say which ticket each confirms', () => {
    const digest = { rows: [...offer(12, [['reply'], ['open']]).rows, ...offer(15, [['confirm', 'refuse'], ['open']]).rows] };
    expect(offerKeyboard(digest, label)).toEqual({
      inline_keyboard: [
        [{ text: '№12 · <bot.button.rep>', callback_data: 'tk:rep:12' }],
        [{ text: '№12 · <bot.button.open>', callback_data: 'tk:open:12' }],
        [
          { text: '№15 · <bot.button.cnf>', callback_data: 'tk:cnf:15' },
          { text: '№15 · <bot.button.ref>', callback_data: 'tk:ref:15' },
        ],
        [{ text: '№15 · <bot.button.open>', callback_data: 'tk:open:15' }],
      ],
    });
  });

  it('one ticket’s offer keeps the plain labels', () => {
    expect(offerKeyboard(offer(12, [['reply'], ['open']]), label)).toEqual({
      inline_keyboard: [[{ text: '<bot.button.rep>', callback_data: 'tk:rep:12' }], [{ text: '<bot.button.open>', callback_data: 'tk:open:12' }]],
    });
  });
});

describe('the digest as the dispatcher renders it', () => {
  it('lists every ticket in the recipient’s language, with the numbered buttons under it', async () => {
    const { createTranslator } = await import('../../../src/i18n');
    const { renderNotification } = await import('../../../src/notify/render');
    const translate = await createTranslator();
    const list = '❓ №12 «Отчёт не открывается» · ⏳ 17.03.2026 19:00\n🧪 №15 «Новая форма» · ⏳ 18.03.2026 19:00';
    const keyboard = { rows: [...offer(12, [['reply'], ['open']]).rows, ...offer(15, [['confirm', 'refuse'], ['open']]).rows] };
    const ru = renderNotification(translate, 'ru', 'reminder.digest', { count: 2, list }, keyboard);
    expect(ru.chunks.join('')).toContain('Напоминание: ваших ответов ждут заявки (2)');
    expect(ru.chunks.join('')).toContain(list);
    const t = (key: string): string => translate('ru', key);
    expect(ru.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      `№12 · ${t('bot.button.rep')}`,
      `№12 · ${t('bot.button.open')}`,
      `№15 · ${t('bot.button.cnf')}`,
      `№15 · ${t('bot.button.ref')}`,
      `№15 · ${t('bot.button.open')}`,
    ]);
    const en = renderNotification(translate, 'en', 'reminder.digest', { count: 2, list }, keyboard);
    expect(en.chunks.join('')).toContain('2 of your tickets are waiting for your answer');
  });
});
