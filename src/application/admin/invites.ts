import { randomBytes } from 'node:crypto';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { InviteEntity } from '../../persistence/entities';
import { findCompanyByRef } from './companies';
import { findDepartmentByRef } from './departments';
import { AdminInputError, AdminNotFoundError } from './errors';
import { isUuid, parseInput } from './parse';
import { numberField, ruleMessage, textField } from './rules';

const DAY_MS = 86_400_000;

export const inviteInputSchema = z.object({
  /** For a client invite: the company (id or name). */
  company: textField(1, 200).optional(),
  /** For a staff invite: the department (id or code); optional for admins. */
  department: textField(1, 100).optional(),
  role: z.enum(['client', 'engineer', 'admin'], { error: ruleMessage('unknown_value') }).optional(),
  days: numberField(1, 365, { whole: true }).default(7),
  uses: numberField(1, 1000, { whole: true }).default(1),
  createdById: z.string().uuid().nullable().default(null),
});

/** Untrusted input: role and numbers arrive as text and are parsed here. */
export interface InviteInput {
  readonly company?: string;
  readonly department?: string;
  readonly role?: string;
  readonly days?: number | string;
  readonly uses?: number | string;
  readonly createdById?: string | null;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_LENGTH = 24;

/**
 * 24 random letters and digits (≈ 143 bits), fit for a `start` parameter (≤ 64 of A–Z a–z 0–9 _ -).
 * No `-` or `_`: a token that began with `-` would read as an option to `invite revoke <token>`.
 */
export function newInviteToken(): string {
  let token = '';
  while (token.length < TOKEN_LENGTH) {
    for (const byte of randomBytes(TOKEN_LENGTH * 2)) {
      // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && token.length < TOKEN_LENGTH) token += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length];
    }
  }
  return token;
}

/** The deep link a user opens: `https://t.me/<bot>?start=<token>`. */
export function inviteLink(botUsername: string, token: string): string {
  return `https://t.me/${botUsername.replace(/^@/, '')}?start=${token}`;
}

/**
 * Creates an invite (SPEC §8): for a company → role client; for a department → role engineer
 * (or admin when asked). Throws AdminInputError when the target does not fit the role.
 */
export async function createInvite(manager: EntityManager, input: InviteInput, now: Date): Promise<InviteEntity> {
  const i = parseInput(inviteInputSchema, input);
  const role = i.role ?? (i.company ? 'client' : 'engineer');
  if (role === 'client' && (!i.company || i.department)) throw new AdminInputError('company', 'client_invite_company');
  if (role !== 'client' && i.company) throw new AdminInputError('company', 'staff_invite_company');
  if (role === 'engineer' && !i.department) throw new AdminInputError('department', 'engineer_invite_department');
  const companyId = i.company ? (await findCompanyByRef(manager, i.company)).id : null;
  const departmentId = i.department ? (await findDepartmentByRef(manager, i.department)).id : null;
  return manager.save(
    manager.create(InviteEntity, {
      token: newInviteToken(),
      role,
      companyId,
      departmentId,
      expiresAt: new Date(now.getTime() + i.days * DAY_MS),
      maxUses: i.uses,
      uses: 0,
      revokedAt: null,
      createdById: i.createdById,
      createdAt: now,
    }),
  );
}

/** Invites newest first; with `activeOnly`, those still usable at `now`. */
export function listInvites(
  manager: EntityManager,
  now: Date,
  options: { readonly activeOnly?: boolean } = {},
): Promise<InviteEntity[]> {
  return manager.find(InviteEntity, {
    where: options.activeOnly ? { revokedAt: IsNull(), expiresAt: MoreThan(now) } : {},
    order: { createdAt: 'DESC' },
  });
}

export type InviteStatus = 'active' | 'revoked' | 'expired' | 'used_up';

export function inviteStatus(invite: Pick<InviteEntity, 'revokedAt' | 'expiresAt' | 'uses' | 'maxUses'>, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used_up';
  return 'active';
}

/** Revokes an invite by id or token; revoking twice keeps the first time. Throws AdminNotFoundError. */
export async function revokeInvite(manager: EntityManager, ref: string, now: Date): Promise<InviteEntity> {
  const trimmed = ref.trim();
  const invite = await manager.findOneBy(InviteEntity, isUuid(trimmed) ? { id: trimmed } : { token: trimmed });
  if (!invite) throw new AdminNotFoundError('invite', trimmed);
  if (invite.revokedAt) return invite;
  await manager.update(InviteEntity, { id: invite.id }, { revokedAt: now });
  return { ...invite, revokedAt: now };
}
