import { TICKET_ACTIONS, offer } from '../../../src/application/views/ticket-actions';
import { decodeCallback } from '../../../src/telegram/callback-data';
import {
  TICKET_ACTION_BUTTONS,
  offerKeyboard,
  parseActionOffer,
  ticketActionData,
  ticketActionLabel,
} from '../../../src/telegram/ticket-actions';
import ruBot from '../../../locales/ru/bot.json';
import enBot from '../../../locales/en/bot.json';

describe('ticket actions as Telegram buttons', () => {
  it('gives every action a callback code and one label that exists in both locales', () => {
    for (const action of TICKET_ACTIONS) {
      const key = ticketActionLabel(action).replace(/^bot\.button\./, '');
      expect([action, (ruBot.button as Record<string, string>)[key]]).toEqual([action, expect.any(String)]);
      expect([action, (enBot.button as Record<string, string>)[key]]).toEqual([action, expect.any(String)]);
    }
    expect(new Set(TICKET_ACTIONS.map(ticketActionLabel)).size).toBe(TICKET_ACTIONS.length);
  });

  it('gives each action its own callback code, decodable by the bot; reporting a problem is pressed as a refusal', () => {
    const codes = new Map<string, string>();
    for (const action of TICKET_ACTIONS) {
      expect(decodeCallback(ticketActionData(action, 4321))).toEqual({ scope: 'tk', action: TICKET_ACTION_BUTTONS[action].code, args: ['4321'] });
      if (action !== 'report_problem') codes.set(TICKET_ACTION_BUTTONS[action].code, action);
    }
    expect(codes.size).toBe(TICKET_ACTIONS.length - 1);
    expect(ticketActionData('accept', 12)).toBe('tk:acc:12');
    expect(TICKET_ACTION_BUTTONS.report_problem.code).toBe(TICKET_ACTION_BUTTONS.refuse.code);
  });

  it('renders an offer row by row with translated labels', () => {
    const keyboard = offerKeyboard(offer(7, [['confirm', 'report_problem'], ['open']]), (key) => `<${key}>`);
    expect(keyboard).toEqual({
      inline_keyboard: [
        [
          { text: '<bot.button.cnf>', callback_data: 'tk:cnf:7' },
          { text: '<bot.button.ref_install>', callback_data: 'tk:ref:7' },
        ],
        [{ text: '<bot.button.open>', callback_data: 'tk:open:7' }],
      ],
    });
    expect(offerKeyboard(offer(7, []), (key) => key)).toBeUndefined();
  });

  it('parses a stored offer and nothing else (an old or garbled keyboard is no offer)', () => {
    expect(parseActionOffer({ rows: [[{ action: 'open', ticket: 3 }]] })).toEqual({ rows: [[{ action: 'open', ticket: 3 }]] });
    expect(parseActionOffer({ rows: [[{ label: 'app.button.open', data: 'tk:open:3' }]] })).toBeNull();
    expect(parseActionOffer({ rows: [[{ action: 'explode', ticket: 3 }]] })).toBeNull();
    expect(parseActionOffer(null)).toBeNull();
  });
});
