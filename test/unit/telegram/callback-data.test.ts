import { CallbackDataError, decodeCallback, encodeCallback, intArg } from '../../../src/telegram/callback-data';

describe('callback data', () => {
  it('round-trips a short code', () => {
    const data = encodeCallback('tk', 'acc', 1234);
    expect(data).toBe('tk:acc:1234');
    expect(decodeCallback(data)).toEqual({ scope: 'tk', action: 'acc', args: ['1234'] });
  });

  it('refuses labels, Cyrillic and anything past 64 bytes', () => {
    expect(() => encodeCallback('tk', 'Принять')).toThrow(CallbackDataError);
    expect(() => encodeCallback('tk', 'x', 'a'.repeat(40), 'b'.repeat(30))).toThrow(/64 bytes/);
  });

  it('treats forged data as not ours', () => {
    for (const forged of [undefined, '', 'tk', 'tk::1', 'tk:acc:1;DROP', 'ж:acc', 'x'.repeat(65)]) {
      expect(decodeCallback(forged)).toBeNull();
    }
  });

  it('reads positive integer arguments only', () => {
    expect(intArg('42')).toBe(42);
    for (const bad of [undefined, '0', '-1', '1e3', '9999999999', 'abc']) expect(intArg(bad)).toBeNull();
  });
});
