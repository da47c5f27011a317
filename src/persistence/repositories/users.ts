import type { EntityManager } from 'typeorm';
import { UserEntity } from '../entities/user.entity';
import { entityColumns, hydrateEntity, selectEntities, selectEntity } from '../fast-select';
import { namedQuery } from '../named-query';
import { clientContractValidSql } from './contracts';
import type { Language } from '../../i18n';

/** With `lock`, the row stays locked until the transaction ends. */
export function findUserByTelegramId(
  manager: EntityManager,
  telegramId: number,
  options: { readonly lock?: boolean } = {},
): Promise<UserEntity | null> {
  return selectEntity(manager, UserEntity, '"e"."telegram_id" = $1', [telegramId], `LIMIT 1${options.lock ? ' FOR UPDATE' : ''}`);
}

export function findUserById(manager: EntityManager, id: string): Promise<UserEntity | null> {
  return selectEntity(manager, UserEntity, '"e"."id" = $1', [id]);
}

/**
 * The user and, for a client of a company, whether any contract of the company is
 * valid on `day` (YYYY-MM-DD, vendor zone; null for anyone else): what a write checks first
 * (SPEC §8), in one statement.
 */
export async function findUserWithContract(manager: EntityManager, id: string, day: string): Promise<UserWithContract | null> {
  const rows = await namedQuery<Record<string, unknown>>(manager, `SELECT ${writerColumnsSql(manager, 'e', '$2')} FROM users "e" WHERE "e"."id" = $1`, [id, day]);
  const row = rows[0];
  return row ? writerOf(manager, row) : null;
}

/** Where writerColumnsSql puts the user's columns, so that they can stand beside another entity's. */
const WRITER_PREFIX = 'writer_';

/** A user as a write checks them (findUserWithContract). */
export interface UserWithContract {
  readonly user: UserEntity;
  readonly contractValid: boolean | null;
  readonly regulationVersion: number | null;
}

/**
 * findUserWithContract's select list over the users row `alias` (unquoted; its columns after
 * WRITER_PREFIX), for a statement that reads the writer beside something else; writerOf reads it back.
 */
export function writerColumnsSql(manager: EntityManager, alias: string, day: string): string {
  return `${entityColumns(manager, UserEntity, alias, WRITER_PREFIX)}, ${clientContractValidSql(`"${alias}"`, day)} AS writer_contract_valid,
          (SELECT max(r.version) FROM regulation_versions r) AS writer_regulation_version`;
}


/** The writer of a row selected with writerColumnsSql; null when the users row was missing (a LEFT JOIN found none). */
export function writerOf(manager: EntityManager, row: Record<string, unknown>): UserWithContract | null {
  if (row[`${WRITER_PREFIX}id`] === null || row[`${WRITER_PREFIX}id`] === undefined) return null;
  return {
    user: hydrateEntity(manager, UserEntity, row, WRITER_PREFIX),
    contractValid: row.writer_contract_valid as boolean | null,
    regulationVersion: row.writer_regulation_version === null ? null : Number(row.writer_regulation_version),
  };
}

/**
 * Who hears about a department's new tickets: its engineers and admins — primary department or
 * a membership (department_members) — blocked ones left out.
 */
export function departmentStaff(manager: EntityManager, departmentId: string): Promise<UserEntity[]> {
  return selectEntities(manager, UserEntity, departmentStaffSql('"e"', '$1'), [departmentId], 'ORDER BY "e"."created_at"');
}

/** SQL: whether the users row `alias` is staff of the department `department` (departmentStaff's rule, for statements that read more beside it). */
export function departmentStaffSql(alias: string, department: string): string {
  return `(${alias}."department_id" = ${department}
           OR EXISTS (SELECT 1 FROM department_members dm WHERE dm.user_id = ${alias}."id" AND dm.department_id = ${department}))
       AND ${alias}."role" IN ('engineer', 'admin') AND NOT ${alias}."blocked"`;
}

/** Everyone with the admin role (SLA escalations, contract notices). */
export function admins(manager: EntityManager): Promise<UserEntity[]> {
  return selectEntities(manager, UserEntity, `"e"."role" = 'admin' AND NOT "e"."blocked"`, [], 'ORDER BY "e"."created_at"');
}

/** A company's client users. */
export function companyUsers(manager: EntityManager, companyId: string): Promise<UserEntity[]> {
  return manager.find(UserEntity, { where: { companyId }, order: { createdAt: 'ASC' } });
}

/** Marks the user as having blocked the bot (true) or reachable again (false). */
export async function setUserUnreachable(manager: EntityManager, userId: string, unreachable: boolean, now: Date): Promise<void> {
  await namedQuery(manager, 'UPDATE users SET unreachable = $2, updated_at = $3 WHERE id = $1', [userId, unreachable, now]);
}

/** The language the desk speaks to the user in. */
export async function setUserLanguage(manager: EntityManager, userId: string, language: Language, now: Date): Promise<void> {
  await manager.update(UserEntity, { id: userId }, { language, updatedAt: now });
}
