import type { DataSource } from 'typeorm';
import { addDays, formatDate, toLocalDate } from '../../domain/calendar/local-time';
import { nextWorkingOpening } from '../../domain/calendar/working-hours';
import type { ScheduleContext } from '../../domain/schedule';
import type { ContractEntity } from '../../persistence/entities/contract.entity';
import {
  companyHasValidContract,
  contractsEndingBetween,
  findCompany,
  findValidContract,
} from '../../persistence/repositories/contracts';
import { enqueueNotifications, type OutboxMessage } from '../../persistence/repositories/outbox';
import { admins, companyUsers } from '../../persistence/repositories/users';

/** How far back an ended contract is still announced (covers downtime; older ends were told already). */
const ENDED_LOOKBACK_DAYS = 31;

export interface ContractNoticeReport {
  readonly endingSoon: number;
  readonly blocked: number;
}

/**
 * SPEC §10: admins hear `noticeDays` days ahead that a contract ends (unless the company already
 * has the next one of that kind), and when a company is left with no valid contract its users
 * hear that their accounts are blocked and why. Safe to run any number of times: the dedupe
 * keys make each notice once per contract end and recipient. Messages wait for working hours.
 */
export async function notifyContractEvents(
  dataSource: DataSource,
  now: Date,
  ctx: ScheduleContext,
  noticeDays: number,
): Promise<ContractNoticeReport> {
  const today = toLocalDate(now, ctx.policy.zone);
  const notBefore = nextWorkingOpening(now, ctx.calendar, ctx.policy);
  return dataSource.transaction(async (manager) => {
    const messages: OutboxMessage[] = [];
    const adminRows = await admins(manager);
    const adminIds = adminRows.map((u) => u.id);
    // Whom a client of a lapsed company contacts (issue 14 §7): the admins as data; the dispatcher
    // renders them as tap-to-open contacts (notify/render.ts, telegram/contact-links.ts).
    const contacts = JSON.stringify(adminRows.map((u) => ({ displayName: u.displayName, username: u.username, telegramId: u.telegramId })));
    for (const contract of await contractsEndingBetween(manager, today, addDays(today, noticeDays))) {
      const renewed = await findValidContract(manager, contract.companyId, contract.kind, addDays(contract.endsOn, 1));
      if (renewed) continue;
      const company = await findCompany(manager, contract.companyId);
      for (const recipientId of adminIds) {
        messages.push({
          recipientId,
          key: `contract.ending_soon.${contract.kind}`,
          params: { contract: contract.number, company: company?.name ?? '', endsOn: formatDate(contract.endsOn) },
          dedupeKey: `contract_ending:${contract.id}:${contract.endsOn}:${recipientId}`,
          notBefore,
        });
      }
    }
    const endingSoon = await enqueueNotifications(manager, messages, now);

    const blockedMessages: OutboxMessage[] = [];
    const ended = await contractsEndingBetween(manager, addDays(today, -ENDED_LOOKBACK_DAYS), addDays(today, -1));
    for (const contract of latestEndPerCompany(ended)) {
      if (await companyHasValidContract(manager, contract.companyId, today)) continue;
      const company = await findCompany(manager, contract.companyId);
      for (const user of await companyUsers(manager, contract.companyId)) {
        blockedMessages.push({
          recipientId: user.id,
          key: 'contract.company_blocked',
          params: { company: company?.name ?? '', endedOn: formatDate(addDays(contract.endsOn, 1)), contacts },
          dedupeKey: `contract_ended:${contract.companyId}:${contract.endsOn}:${user.id}`,
          notBefore,
        });
      }
    }
    const blocked = await enqueueNotifications(manager, blockedMessages, now);
    return { endingSoon, blocked };
  });
}

/** A company whose contracts ended on several days is told once, about the last end. */
function latestEndPerCompany(contracts: readonly ContractEntity[]): ContractEntity[] {
  const latest = new Map<string, ContractEntity>();
  for (const c of contracts) {
    const seen = latest.get(c.companyId);
    if (!seen || seen.endsOn < c.endsOn) latest.set(c.companyId, c);
  }
  return [...latest.values()];
}
