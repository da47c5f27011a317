import { findCommentBySource } from '../../persistence/repositories/comments';
import {
  deleteOtherTopicGroups,
  deleteTopicGroup,
  saveTopicGroup,
  ticketOfThread,
  topicGroupOfChat,
} from '../../persistence/repositories/team-topics';
import { DepartmentEntity } from '../../persistence/entities/department.entity';
import { UserEntity } from '../../persistence/entities/user.entity';
import type { AppDeps } from '../deps';

/**
 * Team topics (issue 14 §5), the bot's side: an admin of the desk links a staff supergroup with
 * topics to a department (`/link` in the group) and unlinks it (`/unlink`); a message in a
 * ticket's topic is found by its thread. The bot checks its own rights in the group (Telegram's
 * answer) before calling link; the desk checks who asks.
 */

export interface TopicGroupView {
  readonly departmentCode: string;
  readonly departmentName: string;
}

export type LinkResult =
  | { readonly kind: 'linked'; readonly department: TopicGroupView }
  | { readonly kind: 'not_admin' }
  | { readonly kind: 'unknown_department' }
  | { readonly kind: 'choose'; readonly departments: readonly TopicGroupView[] };

const nameIn = (d: DepartmentEntity, language: 'ru' | 'en'): string => (language === 'en' ? d.nameEn : d.nameRu);

async function isAdmin(deps: AppDeps, userId: string): Promise<boolean> {
  const user = await deps.dataSource.manager.findOne(UserEntity, { select: { id: true, role: true, blocked: true }, where: { id: userId } });
  return user?.role === 'admin' && !user.blocked;
}

/**
 * Links the group to the department `departmentCode` (one group per department: linking another
 * replaces it; a group serves one department: linking it again moves it). Without a code and
 * with several departments the choice is returned.
 */
export async function linkTopicGroup(
  deps: AppDeps,
  input: {
    readonly userId: string;
    readonly chatId: number;
    readonly title: string;
    readonly language: 'ru' | 'en';
    readonly departmentCode: string | null;
  },
): Promise<LinkResult> {
  if (!(await isAdmin(deps, input.userId))) return { kind: 'not_admin' };
  return deps.dataSource.transaction(async (manager) => {
    const all = await manager.find(DepartmentEntity, { order: { code: 'ASC' } });
    const view = (d: DepartmentEntity): TopicGroupView => ({ departmentCode: d.code, departmentName: nameIn(d, input.language) });
    const code = input.departmentCode?.trim().toLowerCase() ?? '';
    const department = code === '' ? (all.length === 1 ? all[0] : undefined) : all.find((d) => d.code.toLowerCase() === code);
    if (!department) return code === '' ? { kind: 'choose', departments: all.map(view) } : { kind: 'unknown_department' };
    await deleteOtherTopicGroups(manager, input.chatId, department.id);
    await saveTopicGroup(manager, {
      departmentId: department.id,
      chatId: input.chatId,
      title: input.title,
      language: input.language,
      linkedBy: input.userId,
      now: deps.clock.now(),
    });
    return { kind: 'linked', department: view(department) };
  });
}

/** Unlinks the group; null when the asker is no admin, false when it was not linked. */
export async function unlinkTopicGroup(deps: AppDeps, input: { readonly userId: string; readonly chatId: number }): Promise<boolean | null> {
  if (!(await isAdmin(deps, input.userId))) return null;
  return (await deleteTopicGroup(deps.dataSource.manager, input.chatId)) !== null;
}

/** The department a group is linked to, if any. */
export async function topicGroupStatus(deps: AppDeps, input: { readonly chatId: number; readonly language: 'ru' | 'en' }): Promise<TopicGroupView | null> {
  const manager = deps.dataSource.manager;
  const group = await topicGroupOfChat(manager, input.chatId);
  if (group === null) return null;
  const department = await manager.findOneBy(DepartmentEntity, { id: group.departmentId });
  return department ? { departmentCode: department.code, departmentName: nameIn(department, input.language) } : null;
}

/** The ticket whose topic this thread is, in a group still linked. */
export async function ticketOfTopic(
  deps: AppDeps,
  input: { readonly chatId: number; readonly threadId: number },
): Promise<{ readonly ticketId: string; readonly number: number } | null> {
  const manager = deps.dataSource.manager;
  if ((await topicGroupOfChat(manager, input.chatId)) === null) return null;
  return ticketOfThread(manager, input.chatId, input.threadId);
}

/** The note stored from a message in a topic (for "Send to client"): its text, or null. */
export async function topicNote(
  deps: AppDeps,
  input: { readonly chatId: number; readonly messageId: number },
): Promise<{ readonly ticketId: string; readonly text: string; readonly visibility: string } | null> {
  const comment = await findCommentBySource(deps.dataSource.manager, input.chatId, input.messageId);
  return comment ? { ticketId: comment.ticketId, text: comment.text, visibility: comment.visibility } : null;
}
