import type { Message } from 'telegraf/types';
import type { NewAttachment } from '../../application/views/attachment';
import { canManageTopics, forumApi } from '../../telegram/forum';
import type { DeskContext } from '../context';
import { fileOfMessage } from '../files/incoming-file';
import { button, keyboard, type Button } from '../keyboard';
import { logTicket } from '../tickets/log-ticket';
import { refusalText } from '../tickets/act';
import { callbackOf, commandOf, commandPayload } from '../updates';

/**
 * Team topics (issue 14 §5) in a staff supergroup with topics:
 * - `/link [department code]` by an admin of the desk links the group to a department (a choice
 *   of departments as buttons when there are several); the bot first checks the group has topics
 *   and that it is an administrator with "Manage topics", and says what is missing. `/unlink`.
 * - In a ticket's topic, a staff member's message (text, a photo or a file) is an internal note
 *   on that ticket; the bot confirms it with "📤 Send to client" under it. `/public <text>` (or
 *   a caption starting with /public, or /public in reply to one's note) sends it to the client.
 * - Anyone else (clients, strangers) gets nothing from the group: no ticket data; commands get
 *   the usual pointer to the private chat (groups.ts).
 * Called by the regulation gate for every message and button press in a group; returns false
 * for what it does not handle.
 */
export async function handleTeamGroup(ctx: DeskContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || (chat.type !== 'supergroup' && chat.type !== 'group')) return false;
  if (ctx.callbackQuery) return handleButton(ctx, chat.id);
  const message = ctx.message;
  if (!message) return false;
  const command = commandOf(ctx);
  if (command === 'link') {
    await link(ctx, chat, commandPayload(ctx));
    return true;
  }
  if (command === 'unlink') {
    await unlink(ctx, chat.id);
    return true;
  }
  const threadId = topicThread(message);
  if (threadId === null || !isStaff(ctx)) return false;
  const topic = await ctx.deps.desk.topics.ticketOfTopic({ chatId: chat.id, threadId });
  if (topic === null) return false;
  if (mustAcceptRegulation(ctx)) {
    const link = ctx.botInfo.username ? `https://t.me/${ctx.botInfo.username}` : '';
    await replyInTopic(ctx, chat.id, threadId, message.message_id, ctx.t('topics.accept_regulation_first', { link }));
    return true;
  }
  const text = ('text' in message ? message.text : 'caption' in message ? message.caption : undefined) ?? '';
  const publicText = /^\/public(?:@\w+)?(?:\s|$)/i.exec(text);
  if (publicText) {
    await publish(ctx, chat.id, threadId, topic.number, message, text.slice(publicText[0].length).trim());
    return true;
  }
  if (command !== null) return false;
  await note(ctx, chat.id, threadId, topic.number, message, text);
  return true;
}

/** Staff who have not accepted the current regulation are sent to the private chat first (the desk's rule, SPEC §8). */
function mustAcceptRegulation(ctx: DeskContext): boolean {
  return ctx.regulationVersion !== null && (ctx.user?.acceptedRegulationVersion ?? 0) < ctx.regulationVersion;
}

type GroupChat = NonNullable<DeskContext['chat']> & { readonly title?: string; readonly is_forum?: boolean };

function topicThread(message: Message): number | null {
  const fields = message as { message_thread_id?: number; is_topic_message?: boolean };
  return fields.is_topic_message === true && typeof fields.message_thread_id === 'number' ? fields.message_thread_id : null;
}

function isStaff(ctx: DeskContext): boolean {
  // A blocked staff member is still staff here: the comment use case refuses and says why.
  return ctx.user !== null && (ctx.user.role === 'engineer' || ctx.user.role === 'admin');
}

/** A reply in the same topic (thread), to the message it answers. */
async function replyInTopic(ctx: DeskContext, chatId: number, threadId: number | null, replyTo: number, html: string, buttons?: Button[][]): Promise<Message.TextMessage> {
  return ctx.telegram.sendMessage(chatId, html, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(threadId !== null && { message_thread_id: threadId }),
    reply_parameters: { message_id: replyTo, allow_sending_without_reply: true },
    ...(buttons && { reply_markup: keyboard(buttons) }),
  });
}

async function link(ctx: DeskContext, chat: GroupChat, code: string | null): Promise<void> {
  const message = ctx.message ?? (ctx.callbackQuery && 'message' in ctx.callbackQuery ? ctx.callbackQuery.message : undefined);
  const threadId = message ? topicThread(message as Message) : null;
  const say = async (html: string, buttons?: Button[][]): Promise<void> => {
    if (message) await replyInTopic(ctx, chat.id, threadId, message.message_id, html, buttons);
  };
  if (ctx.user?.role !== 'admin' || ctx.user.blocked) return say(ctx.t('topics.link.not_admin'));
  if (chat.type !== 'supergroup' || chat.is_forum !== true) return say(ctx.t('topics.link.not_forum'));
  const member = await forumApi(ctx.telegram).getChatMember(chat.id, ctx.botInfo.id);
  if (!canManageTopics(member)) {
    return say(ctx.t(member.status === 'administrator' ? 'topics.link.no_topic_right' : 'topics.link.not_admin_bot'));
  }
  const result = await ctx.deps.desk.topics.link({
    userId: ctx.user.id,
    chatId: chat.id,
    title: chat.title ?? '',
    language: ctx.lang,
    departmentCode: code === '' ? null : code,
  });
  switch (result.kind) {
    case 'not_admin':
      return say(ctx.t('topics.link.not_admin'));
    case 'unknown_department':
      return say(ctx.t('topics.link.unknown_department'));
    case 'choose':
      return say(
        ctx.t('topics.link.choose'),
        result.departments.map((d) => [button(d.departmentName, 'tt', 'ln', d.departmentCode)]),
      );
    case 'linked':
      return say(ctx.t('topics.link.done', { department: result.department.departmentName }));
  }
}

async function unlink(ctx: DeskContext, chatId: number): Promise<void> {
  const message = ctx.message;
  if (!message) return;
  const threadId = topicThread(message);
  const result = ctx.user ? await ctx.deps.desk.topics.unlink({ userId: ctx.user.id, chatId }) : null;
  const key = result === null ? 'topics.unlink.not_admin' : result ? 'topics.unlink.done' : 'topics.unlink.not_linked';
  await replyInTopic(ctx, chatId, threadId, message.message_id, ctx.t(key));
}

async function handleButton(ctx: DeskContext, chatId: number): Promise<boolean> {
  const data = callbackOf(ctx);
  if (!data || data.scope !== 'tt') return false;
  const [arg] = data.args;
  if (data.action === 'ln' && arg !== undefined) {
    await ctx.answerCbQuery();
    await link(ctx, ctx.chat as GroupChat, arg);
    return true;
  }
  if (data.action === 'pub' && arg !== undefined && /^\d+$/.test(arg)) {
    if (!isStaff(ctx)) {
      await ctx.answerCbQuery(ctx.t('topics.staff_only'));
      return true;
    }
    const noteInfo = await ctx.deps.desk.topics.note({ chatId, messageId: Number(arg) });
    const confirmation = ctx.callbackQuery && 'message' in ctx.callbackQuery ? ctx.callbackQuery.message : undefined;
    if (!noteInfo || noteInfo.text === '' || !confirmation) {
      await ctx.answerCbQuery(ctx.t('topics.note_not_found'));
      return true;
    }
    const threadId = topicThread(confirmation as Message);
    const topic = threadId === null ? null : await ctx.deps.desk.topics.ticketOfTopic({ chatId, threadId });
    if (topic === null || topic.ticketId !== noteInfo.ticketId) {
      await ctx.answerCbQuery(ctx.t('topics.note_not_found'));
      return true;
    }
    // The confirmation's message id makes the public copy: a second press stores nothing twice.
    const sent = await storeComment(ctx, topic.number, 'public', noteInfo.text, [], { chatId, messageId: confirmation.message_id });
    if (!sent) return true;
    await ctx.answerCbQuery(ctx.t('topics.published', { number: topic.number }));
    // A second tap finds the copy stored: the confirmation already says "sent".
    if (sent === 'stored') {
      await ctx.telegram.editMessageText(chatId, confirmation.message_id, undefined, ctx.t('topics.published', { number: topic.number }), {
        parse_mode: 'HTML',
      });
    }
    return true;
  }
  return false;
}

/** A staff message in the topic: an internal note, with "Send to client" under the confirmation. */
async function note(ctx: DeskContext, chatId: number, threadId: number, number: number, message: Message, text: string): Promise<void> {
  const file = fileOfMessage(message);
  if (text.trim() === '' && !file) return; // a sticker, a location…: nothing to keep on the ticket
  const attachments: NewAttachment[] = file ? [{ ...file, purpose: 'other' }] : [];
  const stored = await storeComment(ctx, number, 'internal', text, attachments, { chatId, messageId: message.message_id });
  if (!stored) return;
  const buttons = text.trim() === '' ? undefined : [[button(ctx.t('topics.send_to_client'), 'tt', 'pub', message.message_id)]];
  await replyInTopic(ctx, chatId, threadId, message.message_id, ctx.t('topics.note_saved', { number }), buttons);
}

/** `/public text`, a caption starting with /public, or /public in reply to one's note: sent to the client. */
async function publish(ctx: DeskContext, chatId: number, threadId: number, number: number, message: Message, payload: string): Promise<void> {
  const file = fileOfMessage(message);
  let text = payload;
  if (text === '' && !file) {
    const replied = 'reply_to_message' in message ? message.reply_to_message : undefined;
    const repliedNote = replied && topicThread(replied) === threadId && replied.message_id !== threadId
      ? await ctx.deps.desk.topics.note({ chatId, messageId: replied.message_id })
      : null;
    if (!repliedNote || repliedNote.text === '') {
      await replyInTopic(ctx, chatId, threadId, message.message_id, ctx.t('topics.public_usage'));
      return;
    }
    text = repliedNote.text;
  }
  const attachments: NewAttachment[] = file ? [{ ...file, purpose: 'other' }] : [];
  const stored = await storeComment(ctx, number, 'public', text, attachments, { chatId, messageId: message.message_id });
  if (stored) await replyInTopic(ctx, chatId, threadId, message.message_id, ctx.t('topics.published', { number }));
}

/** The one comment use case (desk.tickets.comment); a refusal (blocked, no permission…) is said in the topic. */
async function storeComment(
  ctx: DeskContext,
  number: number,
  visibility: 'public' | 'internal',
  text: string,
  attachments: NewAttachment[],
  source: { chatId: number; messageId: number },
): Promise<'stored' | 'duplicate' | false> {
  if (!ctx.actor) return false;
  logTicket(ctx, number);
  try {
    const result = await ctx.deps.desk.tickets.comment({ ticket: { number }, actor: ctx.actor, text, attachments, visibility, source });
    return result.duplicate ? 'duplicate' : 'stored';
  } catch (error) {
    const refusal = refusalText(ctx, error);
    if (refusal === null) throw error;
    if (ctx.callbackQuery) await ctx.answerCbQuery(refusal.replace(/<[^>]+>/g, ''));
    else if (ctx.message) await replyInTopic(ctx, source.chatId, topicThread(ctx.message), ctx.message.message_id, refusal);
    return false;
  }
}
