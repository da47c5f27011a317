import { createTranslator } from '../../../src/i18n';
import { renderNotification } from '../../../src/notify/render';

describe('admins a user is sent to, in a notification', () => {
  const contacts = JSON.stringify([
    { displayName: 'Olga <Admin>', username: null, telegramId: 7100000001 },
    { displayName: 'Ivan', username: 'ivan_support', telegramId: 7100000002 },
  ]);

  it.each(['ru', 'en'] as const)('%s: the lapsed-contract notice links each admin: @username, else the name opening their chat', async (lang) => {
    const translate = await createTranslator();
    const [text] = renderNotification(translate, lang, 'contract.company_blocked', { company: 'Clinic & Co', endedOn: '01.04.2026', contacts }, null).chunks;
    expect(text).toContain('<a href="tg://user?id=7100000001">Olga &lt;Admin&gt;</a>, @ivan_support');
    // Everything else stays escaped.
    expect(text).toContain('Clinic &amp; Co');
  });

  it('a contacts value that is not a list of people is not rendered as HTML', async () => {
    const translate = await createTranslator();
    const [text] = renderNotification(translate, 'en', 'contract.company_blocked', { company: 'X', endedOn: '01.04.2026', contacts: '[{"bad":1}]' }, null).chunks;
    expect(text).toContain('administrators: —.');
  });
});
