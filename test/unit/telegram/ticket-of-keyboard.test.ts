import { ticketOfKeyboard } from '../../../src/telegram/ticket-actions';

const button = (callback_data: string) => ({ text: 'x', callback_data });

describe('ticketOfKeyboard: the one ticket a bot message\'s buttons act on', () => {
  it('reads a card, a notification and an answer', () => {
    expect(ticketOfKeyboard({ inline_keyboard: [[button('tk:fl:12')], [button('tk:rep:12'), button('tk:wd:12')]] })).toBe(12);
    expect(ticketOfKeyboard({ inline_keyboard: [[button('tk:rep:7'), button('tk:open:7')]] })).toBe(7);
    expect(ticketOfKeyboard({ inline_keyboard: [[button('en:fl:3'), button('tk:hist:3')]] })).toBe(3);
  });

  it('names none for a list, paging or filters, other buttons, or no keyboard', () => {
    expect(ticketOfKeyboard({ inline_keyboard: [[button('tk:open:1'), button('tk:open:2')]] })).toBeNull();
    expect(ticketOfKeyboard({ inline_keyboard: [[button('tk:open:1')], [button('my:l:open:1')]] })).toBeNull();
    expect(ticketOfKeyboard({ inline_keyboard: [[button('tk:open:1'), { text: 'site', url: 'https://example.com' }]] })).toBeNull();
    expect(ticketOfKeyboard({ inline_keyboard: [[button('en:q:0b1c-2d:2')]] })).toBeNull();
    expect(ticketOfKeyboard({ inline_keyboard: [] })).toBeNull();
    expect(ticketOfKeyboard(undefined)).toBeNull();
    expect(ticketOfKeyboard({ keyboard: [[{ text: 'Help' }]] })).toBeNull();
  });
});
