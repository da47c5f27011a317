import { newInviteToken } from '../../../src/application/admin/invites';

describe('invite token', () => {
  it('is 24 letters and digits, so it never reads as a CLI option and fits a start parameter', () => {
    const tokens = Array.from({ length: 2000 }, () => newInviteToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, () => newInviteToken()).join(''));
    expect(seen.size).toBe(62);
  });
});
