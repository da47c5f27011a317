import type { DepartmentView, MyTickets, QueuePage } from '../../application/views/ticket';
import { TICKET_STATES } from '../../domain/ticket/types';
import type { Language } from '../../i18n';
import type { DeskContext } from '../context';
import { button, grid, keyboard, type Button } from '../keyboard';
import type { RenderedView } from './ticket-card';

export function departmentName(department: DepartmentView, lang: Language): string {
  return lang === 'ru' ? department.nameRu : department.nameEn;
}

/**
 * A page of a department's queue (SPEC §9 order): a line per ticket, Take for the new ones and
 * Open for all, and the page buttons. `page` is 1-based, `pageSize` what the page was read with.
 */
export function renderQueuePage(ctx: DeskContext, queue: QueuePage, page: number, pageSize: number): RenderedView {
  const name = departmentName(queue.department, ctx.lang);
  if (queue.total === 0) return { html: ctx.t('engineer.queue.empty', { department: name }), keyboard: keyboard([]) };
  const pages = Math.ceil(queue.total / pageSize);
  const lines = [ctx.t('engineer.queue.title', { department: name, total: queue.total, page, pages })];
  const rows: Button[][] = [];
  queue.items.forEach((item, i) => {
    lines.push(
      ctx.t(item.priority === 'high' ? 'engineer.queue.item_high' : 'engineer.queue.item', {
        position: (page - 1) * pageSize + i + 1,
        number: item.number,
        subject: item.subject,
        company: item.company,
        state: ctx.t(`ticket.state.${item.state}`),
      }),
    );
    const open = button(ctx.t('engineer.queue.open', { number: item.number }), 'tk', 'open', item.number);
    rows.push(item.state === 'new' ? [button(ctx.t('engineer.queue.take', { number: item.number }), 'tk', 'acc', item.number), open] : [open]);
  });
  const nav: Button[] = [];
  if (page > 1) nav.push(button(ctx.t('common.prev_page'), 'en', 'q', queue.department.id, page - 1));
  if (page < pages) nav.push(button(ctx.t('common.next_page'), 'en', 'q', queue.department.id, page + 1));
  return { html: lines.join('\n'), keyboard: keyboard([...rows, nav]) };
}

/** At most this many Open buttons under /mine. */
const MINE_BUTTONS = 20;

/**
 * `/mine`: the staff member's open tickets grouped by state in the lifecycle's order; within a
 * group the query's order (earliest planned date first). Null when there are none.
 */
export function renderMyTickets(ctx: DeskContext, mine: MyTickets): RenderedView | null {
  const groups = TICKET_STATES.flatMap((state) => {
    const items = mine[state] ?? [];
    return items.length > 0 ? [{ state, items }] : [];
  });
  const all = groups.flatMap((g) => g.items);
  if (all.length === 0) return null;
  const lines = [ctx.t('engineer.mine.title', { count: all.length })];
  for (const { state, items } of groups) {
    lines.push('', ctx.t('engineer.mine.group', { state: ctx.t(`ticket.state.${state}`), count: items.length }));
    for (const t of items) {
      lines.push(ctx.t(t.owned ? 'engineer.mine.item_owner' : 'engineer.mine.item_responsible', { number: t.number, subject: t.subject }));
    }
  }
  const buttons = all.slice(0, MINE_BUTTONS).map((t) => button(`№${t.number}`, 'tk', 'open', t.number));
  return { html: lines.join('\n'), keyboard: keyboard(grid(buttons, 4)) };
}
