import { findChargedContract, isContractValidOn, type Contract } from '../../../../src/domain/budget/contract';
import {
  budgetCheckFor,
  computeMonthBudget,
  monthOf,
  type HoursCharge,
  type LoggedHours,
} from '../../../../src/domain/budget/month-budget';

const support: Contract = {
  id: 'c-support',
  companyId: 'company-1',
  kind: 'support',
  validFrom: '2026-01-15',
  validTo: '2026-12-31',
  monthlyHours: 40,
};
const implementation: Contract = { ...support, id: 'c-impl', kind: 'implementation', monthlyHours: 100 };

const charge = (hours: number, over: Partial<HoursCharge> = {}): HoursCharge => ({
  companyId: 'company-1',
  contractKind: 'support',
  month: '2026-02',
  hours,
  ...over,
});
const logged = (hours: number, over: Partial<LoggedHours> = {}): LoggedHours => ({ ...charge(hours), ...over });

describe('monthOf', () => {
  it('uses the vendor zone at the month boundary', () => {
    expect(monthOf(new Date('2026-01-31T21:30:00Z'), 'Europe/Moscow')).toBe('2026-02');
    expect(monthOf(new Date('2026-01-31T20:59:59.999Z'), 'Europe/Moscow')).toBe('2026-01');
    expect(monthOf(new Date('2026-01-31T21:30:00Z'), 'UTC')).toBe('2026-01');
  });
});

describe('computeMonthBudget', () => {
  it('sums the month’s charges and logged hours of the contract only', () => {
    const budget = computeMonthBudget(
      support,
      '2026-02',
      [charge(10), charge(2.25), charge(-1), charge(5, { month: '2026-03' }), charge(7, { contractKind: 'implementation' }), charge(9, { companyId: 'company-2' })],
      [logged(3.5), logged(0.1), logged(0.2), logged(8, { month: '2026-01' })],
    );
    expect(budget).toEqual({ contractId: 'c-support', kind: 'support', month: '2026-02', norm: 40, planned: 11.25, actual: 3.8, remaining: 28.75 });
  });

  it('goes negative after an override', () => {
    expect(computeMonthBudget(support, '2026-02', [charge(45)], []).remaining).toBe(-5);
  });

  it('has a norm in a month the contract covers partly, and none outside', () => {
    expect(computeMonthBudget(support, '2026-01', [], []).norm).toBe(40);
    expect(computeMonthBudget(support, '2025-12', [], []).norm).toBe(0);
    expect(computeMonthBudget(support, '2027-01', [], []).remaining).toBe(0);
  });

  it('refuses a malformed month', () => {
    expect(() => computeMonthBudget(support, '2026-13', [], [])).toThrow(RangeError);
  });
});

describe('findChargedContract', () => {
  const contracts = [support, implementation, { ...support, id: 'c-other', companyId: 'company-2' }];

  it('matches the service’s contract kind, the company and the date', () => {
    expect(findChargedContract({ billing: 'contract', contractKind: 'support' }, 'company-1', contracts, '2026-02-10')?.id).toBe('c-support');
    expect(findChargedContract({ billing: 'contract', contractKind: 'implementation' }, 'company-1', contracts, '2026-02-10')?.id).toBe('c-impl');
    expect(findChargedContract({ billing: 'contract', contractKind: 'support' }, 'company-2', contracts, '2026-02-10')?.id).toBe('c-other');
  });

  it('is null before or after validity (both ends inclusive)', () => {
    expect(findChargedContract({ billing: 'contract', contractKind: 'support' }, 'company-1', contracts, '2026-01-14')).toBeNull();
    expect(isContractValidOn(support, '2026-01-15')).toBe(true);
    expect(isContractValidOn(support, '2026-12-31')).toBe(true);
    expect(isContractValidOn(support, '2027-01-01')).toBe(false);
  });

  it.each(['paid', 'none'] as const)('is null for %s services', (billing) => {
    expect(findChargedContract({ billing, contractKind: null }, 'company-1', contracts, '2026-02-10')).toBeNull();
  });

  it('prefers the renewal when two overlap', () => {
    const renewal: Contract = { ...support, id: 'c-renewal', validFrom: '2026-06-01', validTo: '2027-05-31' };
    expect(findChargedContract({ billing: 'contract', contractKind: 'support' }, 'company-1', [support, renewal], '2026-07-01')?.id).toBe('c-renewal');
  });
});

describe('budgetCheckFor', () => {
  it('is null for paid and none services: they consume no norm-hours', () => {
    expect(budgetCheckFor({ billing: 'paid', contractKind: null }, support, '2026-02', [charge(100)])).toBeNull();
    expect(budgetCheckFor({ billing: 'none', contractKind: null }, null, '2026-02', [])).toBeNull();
  });

  it('is the month’s remaining hours, or nothing left without a contract', () => {
    expect(budgetCheckFor({ billing: 'contract', contractKind: 'support' }, support, '2026-02', [charge(30)])).toEqual({ remaining: 10 });
    expect(budgetCheckFor({ billing: 'contract', contractKind: 'support' }, null, '2026-02', [])).toEqual({ remaining: 0 });
  });
});
