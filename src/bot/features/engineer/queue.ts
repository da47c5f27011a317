import { In, Not, type EntityManager } from 'typeorm';
import { FINAL_STATES, TICKET_STATES } from '../../../domain/ticket/types';
import { DepartmentEntity, TicketEntity } from '../../../persistence/entities';
import { departmentQueuePage, nextNewInQueue } from '../../../persistence/repositories/queue';
import type { DeskContext } from '../../context';
import { createFeature, onCallback } from '../../feature';
import { editOrReplyHtml, replyHtml, replyKey } from '../../html';
import { button, grid, keyboard, type Button } from '../../keyboard';
import { renderTicketCard } from '../../tickets/ticket-card';
import { commandPayload } from '../../updates';
import { startAccept } from './accept';
import { requireStaff, staffTicket, type StaffUser } from './staff';

export const QUEUE_PAGE_SIZE = 5;

/** /queue (SPEC §9 order, Take buttons, pages), /next, /mine, /ticket N. */
export const queueFeature = createFeature();

async function showQueue(ctx: DeskContext, departmentId: string, page: number): Promise<void> {
  const manager = ctx.deps.app.dataSource.manager;
  const department = await manager.findOneBy(DepartmentEntity, { id: departmentId });
  if (!department) return;
  const { items, total } = await departmentQueuePage(manager, departmentId, { offset: (page - 1) * QUEUE_PAGE_SIZE, limit: QUEUE_PAGE_SIZE });
  const name = ctx.lang === 'ru' ? department.nameRu : department.nameEn;
  if (total === 0) {
    await editOrReplyHtml(ctx, ctx.t('engineer.queue.empty', { department: name }));
    return;
  }
  const pages = Math.ceil(total / QUEUE_PAGE_SIZE);
  const lines = [ctx.t('engineer.queue.title', { department: name, total, page, pages })];
  const rows: Button[][] = [];
  items.forEach((item, i) => {
    lines.push(
      ctx.t(item.priority === 'high' ? 'engineer.queue.item_high' : 'engineer.queue.item', {
        position: (page - 1) * QUEUE_PAGE_SIZE + i + 1,
        number: item.number,
        subject: item.subject,
        state: ctx.t(`ticket.state.${item.state}`),
      }),
    );
    const open = button(ctx.t('engineer.queue.open', { number: item.number }), 'tk', 'open', item.number);
    rows.push(item.state === 'new' ? [button(ctx.t('engineer.queue.take', { number: item.number }), 'tk', 'acc', item.number), open] : [open]);
  });
  const nav: Button[] = [];
  if (page > 1) nav.push(button(ctx.t('common.prev_page'), 'en', 'q', departmentId, page - 1));
  if (page < pages) nav.push(button(ctx.t('common.next_page'), 'en', 'q', departmentId, page + 1));
  await editOrReplyHtml(ctx, lines.join('\n'), { keyboard: keyboard([...rows, nav]) });
}

/** A staff member's department; an admin without one chooses. */
async function withDepartment(ctx: DeskContext, user: StaffUser, run: (departmentId: string) => Promise<void>): Promise<void> {
  const requested = commandPayload(ctx).toLowerCase();
  const manager = ctx.deps.app.dataSource.manager;
  const named = requested ? await manager.findOneBy(DepartmentEntity, { code: requested }) : null;
  if (named) return run(named.id);
  if (user.departmentId) return run(user.departmentId);
  const departments = await manager.find(DepartmentEntity, { order: { code: 'ASC' } });
  const buttons = departments.map((d) => button(ctx.lang === 'ru' ? d.nameRu : d.nameEn, 'en', 'q', d.id, 1));
  await replyKey(ctx, 'engineer.queue.choose_department', {}, { keyboard: keyboard(grid(buttons, 2)) });
}

queueFeature.command('queue', async (ctx) => {
  const user = await requireStaff(ctx);
  if (user) await withDepartment(ctx, user, (departmentId) => showQueue(ctx, departmentId, 1));
});

queueFeature.use(
  onCallback('en', 'q', async (ctx, [departmentId, pageArg]) => {
    if (!(await requireStaff(ctx))) return;
    await ctx.answerCbQuery();
    const page = Number(pageArg);
    if (departmentId && Number.isInteger(page) && page > 0) await showQueue(ctx, departmentId, page);
  }),
);

queueFeature.command('next', async (ctx) => {
  const user = await requireStaff(ctx);
  if (!user) return;
  await withDepartment(ctx, user, async (departmentId) => {
    const next = await nextNewInQueue(ctx.deps.app.dataSource.manager, departmentId);
    if (!next) {
      await replyKey(ctx, 'engineer.queue.nothing_new');
      return;
    }
    await startAccept(ctx, next.number);
  });
});

async function myTickets(manager: EntityManager, userId: string): Promise<TicketEntity[]> {
  return manager.find(TicketEntity, {
    where: [
      { ownerId: userId, state: Not(In([...FINAL_STATES])) },
      { responsibleId: userId, state: Not(In([...FINAL_STATES])) },
    ],
    order: { number: 'ASC' },
  });
}

queueFeature.command('mine', async (ctx) => {
  const user = await requireStaff(ctx);
  if (!user) return;
  const tickets = await myTickets(ctx.deps.app.dataSource.manager, user.id);
  if (tickets.length === 0) {
    await replyKey(ctx, 'engineer.mine.empty');
    return;
  }
  const lines = [ctx.t('engineer.mine.title', { count: tickets.length })];
  for (const state of TICKET_STATES) {
    const group = tickets.filter((t) => t.state === state);
    if (group.length === 0) continue;
    lines.push('', ctx.t('engineer.mine.group', { state: ctx.t(`ticket.state.${state}`), count: group.length }));
    for (const t of group) {
      lines.push(ctx.t(t.ownerId === user.id ? 'engineer.mine.item_owner' : 'engineer.mine.item_responsible', { number: t.number, subject: t.subject }));
    }
  }
  const buttons = tickets.slice(0, 20).map((t) => button(`№${t.number}`, 'tk', 'open', t.number));
  await replyHtml(ctx, lines.join('\n'), { keyboard: keyboard(grid(buttons, 4)) });
});

queueFeature.command('ticket', async (ctx) => {
  if (!(await requireStaff(ctx))) return;
  const number = /^№?\s*(\d{1,9})$/.exec(commandPayload(ctx))?.[1];
  if (!number) {
    await replyKey(ctx, 'engineer.ticket_usage');
    return;
  }
  const row = await staffTicket(ctx, Number(number));
  if (!row) return;
  const card = await renderTicketCard(ctx, row);
  await replyHtml(ctx, card.html, { keyboard: card.keyboard });
});
