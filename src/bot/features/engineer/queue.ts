import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { editOrReplyHtml, replyHtml, replyKey } from '../../html';
import { button, grid, keyboard } from '../../keyboard';
import { visibleTicketCard } from '../../tickets/ticket-access';
import { commandPayload } from '../../updates';
import { departmentName, renderMyTickets, renderQueuePage } from '../../views/queue-page';
import { renderTicketCard } from '../../views/ticket-card';
import { requireStaff, type StaffUser } from './staff';

export const QUEUE_PAGE_SIZE = 5;

/** /queue (SPEC §9 order, Take buttons, pages), /next, /mine. `/ticket N` is ticket-open.ts, one for every role. */
export const queueFeature = createFeature();

async function showQueue(ctx: DeskContext, departmentId: string, page: number): Promise<void> {
  const queue = await ctx.deps.desk.tickets.departmentQueue({
    departmentId,
    page: { offset: (page - 1) * QUEUE_PAGE_SIZE, limit: QUEUE_PAGE_SIZE },
  });
  const view = renderQueuePage(ctx, queue, page, QUEUE_PAGE_SIZE);
  // The same page pressed again: nothing to change (Telegram would refuse the edit as "not modified").
  if (shownAlready(ctx, view.html, view.keyboard)) return;
  await editOrReplyHtml(ctx, view.html, { keyboard: view.keyboard });
}

/** Whether the message the button was pressed on already shows this text and keyboard. */
function shownAlready(ctx: DeskContext, html: string, markup: InlineKeyboardMarkup): boolean {
  const message = ctx.callbackQuery?.message;
  if (!message || !('text' in message)) return false;
  const plain = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  const shownRows = (message.reply_markup?.inline_keyboard ?? []).filter((row) => row.length > 0);
  const rows = markup.inline_keyboard.filter((row) => row.length > 0);
  return message.text === plain && JSON.stringify(shownRows) === JSON.stringify(rows);
}

/** A staff member's department (or the one named after the command); an admin without one chooses. */
async function withDepartment(ctx: DeskContext, user: StaffUser, run: (departmentId: string) => Promise<void>): Promise<void> {
  const requested = commandPayload(ctx).toLowerCase();
  const named = requested ? (await ctx.deps.desk.tickets.departments()).find((d) => d.code === requested) : undefined;
  if (named) return run(named.id);
  // An engineer of several departments (issue 12) chooses among them; of one, goes straight there.
  const mine = await ctx.deps.desk.departments.memberDepartments({ userId: user.id });
  if (mine.length === 1 && mine[0]) return run(mine[0]);
  const departments = (await ctx.deps.desk.tickets.departments()).filter((d) => mine.length === 0 || mine.includes(d.id));
  const buttons = departments.map((d) => button(departmentName(d, ctx.lang), 'en', 'q', d.id, 1));
  await replyKey(ctx, 'engineer.queue.choose_department', {}, { keyboard: keyboard(grid(buttons, 2)) });
}

queueFeature.command('queue', async (ctx) => {
  const user = await requireStaff(ctx);
  if (user) await withDepartment(ctx, user, (departmentId) => showQueue(ctx, departmentId, 1));
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

queueFeature.use(
  onCallback('en', 'q', async (ctx, [departmentId, pageArg]) => {
    if (!(await requireStaff(ctx))) return;
    await ctx.answerCbQuery();
    const page = Number(pageArg);
    const known = departmentId !== undefined && UUID.test(departmentId) && (await ctx.deps.desk.tickets.departments()).some((d) => d.id === departmentId);
    if (known && Number.isInteger(page) && page > 0) await showQueue(ctx, departmentId, page);
  }),
);

/** How far down the queue Skip looks for the next new ticket. */
const SKIP_WINDOW = 50;

/**
 * The `skip`-th new ticket of the department's queue (SPEC §9 order) shown as its whole card —
 * before any planning question — with Accept / Clarify from the card and Skip to the next one.
 */
async function showNext(ctx: DeskContext, departmentId: string, skip: number): Promise<void> {
  const queue = await ctx.deps.desk.tickets.departmentQueue({ departmentId, page: { offset: 0, limit: SKIP_WINDOW } });
  const fresh = queue.items.filter((item) => item.state === 'new');
  const next = fresh[skip];
  if (!next) {
    await replyKey(ctx, skip === 0 ? 'engineer.queue.nothing_new' : 'engineer.queue.nothing_more');
    return;
  }
  const card = await visibleTicketCard(ctx, next.number);
  if (!card) {
    await replyKey(ctx, 'errors.not_found');
    return;
  }
  const view = renderTicketCard(ctx, card);
  const rows = [...view.keyboard.inline_keyboard];
  if (fresh.length > skip + 1) rows.push([button(ctx.t('engineer.queue.skip'), 'en', 'nx', departmentId, skip + 1)]);
  await replyHtml(ctx, view.html, { keyboard: { inline_keyboard: rows } });
}

queueFeature.command('next', async (ctx) => {
  const user = await requireStaff(ctx);
  if (!user) return;
  await withDepartment(ctx, user, (departmentId) => showNext(ctx, departmentId, 0));
});

queueFeature.use(
  onCallback('en', 'nx', async (ctx, [departmentId, skipArg]) => {
    if (!(await requireStaff(ctx))) return;
    await ctx.answerCbQuery();
    const skip = Number(skipArg);
    const known = departmentId !== undefined && UUID.test(departmentId) && (await ctx.deps.desk.tickets.departments()).some((d) => d.id === departmentId);
    if (known && Number.isInteger(skip) && skip >= 0 && skip < SKIP_WINDOW) await showNext(ctx, departmentId, skip);
  }),
);

queueFeature.command('mine', async (ctx) => {
  const user = await requireStaff(ctx);
  if (!user) return;
  const view = renderMyTickets(ctx, await ctx.deps.desk.tickets.mine({ userId: user.id }));
  if (!view) {
    await replyKey(ctx, 'engineer.mine.empty');
    return;
  }
  await replyHtml(ctx, view.html, { keyboard: view.keyboard });
});
