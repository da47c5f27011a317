import { intArg } from '../../telegram/callback-data';
import type { DeskContext } from '../context';
import { createFeature, onCallback } from '../feature';
import { editOrReplyHtml, replyKey } from '../html';
import { button, keyboard, type Button } from '../keyboard';

/** /my: the company's tickets, newest first, a page at a time, open or closed (SPEC §8). */
export const myTicketsFeature = createFeature();

export const PAGE_SIZE = 5;
const FILTERS = ['open', 'closed', 'all'] as const;
type TicketListFilter = (typeof FILTERS)[number];

async function showPage(ctx: DeskContext, filter: TicketListFilter, page: number): Promise<void> {
  const companyId = ctx.user?.companyId;
  if (ctx.user?.role !== 'client' || !companyId || !ctx.actor) {
    await replyKey(ctx, 'client.only_clients');
    return;
  }
  const result = await ctx.deps.desk.tickets.companyTickets({ actor: ctx.actor, filter, page: { offset: page * PAGE_SIZE, limit: PAGE_SIZE } });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const lines = [
    ctx.t('client.my.title', { company: ctx.companyName ?? '', filter: ctx.t(`client.my.filter.${filter}`) }),
    ctx.t('client.my.page', { page: page + 1, pages, total: result.total }),
    '',
  ];
  if (result.items.length === 0) lines.push(ctx.t(`client.my.empty_${filter}`));
  for (const item of result.items) {
    lines.push(
      ctx.t('client.my.item', {
        number: item.number,
        subject: item.subject,
        state: ctx.t(`ticket.state.${item.state}`),
        priority: item.priority === 'high' ? ctx.t('client.my.high') : '',
      }),
    );
  }
  const open: Button[] = result.items.map((item) => button(`№${item.number}`, 'tk', 'open', item.number));
  const paging: Button[] = [];
  if (page > 0) paging.push(button(ctx.t('common.prev_page'), 'my', 'l', filter, page - 1));
  if (page + 1 < pages) paging.push(button(ctx.t('common.next_page'), 'my', 'l', filter, page + 1));
  const filters = FILTERS.filter((f) => f !== filter).map((f) => button(ctx.t(`client.my.show.${f}`), 'my', 'l', f, 0));
  await editOrReplyHtml(ctx, lines.join('\n'), { keyboard: keyboard([open, paging, filters]) });
}

myTicketsFeature.command('my', (ctx) => showPage(ctx, 'open', 0));

myTicketsFeature.use(
  onCallback('my', 'l', async (ctx, [filterArg, pageArg]) => {
    const filter = FILTERS.find((f) => f === filterArg);
    const page = pageArg === '0' ? 0 : intArg(pageArg);
    if (!filter || page === null) {
      await ctx.answerCbQuery(ctx.t('bot.stale_button'));
      return;
    }
    await ctx.answerCbQuery();
    await showPage(ctx, filter, page);
  }),
);
