import { parseText } from '../../../src/bot/features/new-ticket/text-rules';
import { InvalidInputError } from '../../../src/domain/ticket/errors';
import { TICKET_LIMITS } from '../../../src/domain/ticket/input-rules';

function ruleOf(input: string): unknown {
  try {
    parseText('subject', TICKET_LIMITS.subject, input);
    return null;
  } catch (error) {
    return error instanceof InvalidInputError ? error.params : error;
  }
}

describe('typed answers', () => {
  test('are trimmed and measured in characters as people count them', () => {
    expect(parseText('subject', TICKET_LIMITS.subject, '  Отчёт 📄 не открывается  ')).toBe('Отчёт 📄 не открывается');
    expect(ruleOf('😀😀😀😀😀')).toBeNull();
  });

  test('break the rules of SPEC §3 with the limits for the message', () => {
    expect(ruleOf('   ')).toEqual({ field: 'subject', rule: 'required' });
    expect(ruleOf('abcd')).toEqual({ field: 'subject', rule: 'too_short', min: 5, max: 120 });
    expect(ruleOf('a'.repeat(121))).toEqual({ field: 'subject', rule: 'too_long', min: 5, max: 120 });
  });
});
