import { writeBlock } from '../../../../src/domain/ticket/write-access';

describe('writeBlock (SPEC §8: who may create and comment)', () => {
  const client = { blocked: false, role: 'client' as const, companyId: 'c1' };
  const engineer = { blocked: false, role: 'engineer' as const, companyId: null };

  it('lets a client of a company with a valid contract write', () => {
    expect(writeBlock(client, true)).toBeNull();
  });

  it('blocks a client whose company has no valid contract today', () => {
    expect(writeBlock(client, false)).toBe('no_contract');
  });

  it('blocks an account an admin blocked, whatever the contract, staff included', () => {
    expect(writeBlock({ ...client, blocked: true }, true)).toBe('account');
    expect(writeBlock({ ...engineer, blocked: true }, null)).toBe('account');
  });

  it('never blocks staff for contracts, and reads no contract answer it was not given', () => {
    expect(writeBlock(engineer, false)).toBeNull();
    expect(writeBlock(client, null)).toBeNull();
  });
});
