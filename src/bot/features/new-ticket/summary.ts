import { formatHours } from '../../hours/format';
import type { ServiceView } from '../../../application/views/access';
import type { DeskContext } from '../../context';
import { esc } from '../../html';
import { fullServiceName } from './catalog';
import type { Wizard } from './draft';

/** SPEC §3: before confirming, the company's remaining norm-hours for the service's contract this month. */
export async function hoursLine(ctx: DeskContext, service: ServiceView | undefined): Promise<string> {
  if (!service) return '';
  if (service.billing === 'paid') return ctx.t('client.new.hours_paid');
  if (service.billing === 'none' || service.contractKind === null) return ctx.t('client.new.hours_none');
  if (!ctx.actor || ctx.user?.companyId == null) return '';
  // The same month budget /hours shows (desk.tickets.companyBudget), so the two never disagree.
  const { contracts } = await ctx.deps.desk.tickets.companyBudget({ actor: ctx.actor });
  const found = contracts.find((b) => b.kind === service.contractKind);
  if (!found) return ctx.t('client.new.hours_no_contract', { kind: ctx.t(`ticket.contract_kind.${service.contractKind}`) });
  return ctx.t('client.new.hours_left', {
    kind: ctx.t(`ticket.contract_kind.${service.contractKind}`),
    remaining: formatHours(found.remaining, ctx.lang),
    norm: formatHours(found.norm, ctx.lang),
  });
}

function line(ctx: DeskContext, field: string, value: string | null): string {
  return `<b>${ctx.t(`errors.field.${field}`)}:</b> ${value === null || value === '' ? ctx.t('common.none') : value}`;
}

/** The summary shown with Create / Edit / Cancel. */
export async function renderSummary(ctx: DeskContext, wizard: Wizard, catalog: readonly ServiceView[]): Promise<string> {
  const service = catalog.find((s) => s.code === wizard.serviceCode);
  const count = (purpose: string): number => wizard.files.filter((f) => f.purpose === purpose).length;
  const lines = [
    ctx.t('client.new.summary_title'),
    ...(wizard.linkedNumber !== null ? [ctx.t('client.new.linked', { number: wizard.linkedNumber })] : []),
    '',
    line(ctx, 'service', wizard.serviceCode ? esc(fullServiceName(catalog, wizard.serviceCode, ctx.lang)) : null),
    line(ctx, 'type', wizard.type ? ctx.t(`ticket.type.${wizard.type}`) : null),
    line(ctx, 'priority', wizard.priority ? ctx.t(`ticket.priority.${wizard.priority}`) : null),
    line(ctx, 'subject', wizard.subject !== null ? esc(wizard.subject) : null),
    line(ctx, 'description', wizard.description !== null ? esc(wizard.description) : null),
  ];
  if (wizard.type === 'problem') {
    lines.push(line(ctx, 'steps', wizard.steps !== null ? esc(wizard.steps) : null));
    lines.push(line(ctx, 'error_text', wizard.errorText !== null ? esc(wizard.errorText) : wizard.noErrorMessage ? ctx.t('client.new.no_error_message') : null));
  }
  if (wizard.type === 'modification') {
    lines.push(`<b>${ctx.t('client.new.field.new_form')}:</b> ${ctx.t(wizard.newForm === true ? 'client.new.new_form_yes' : 'client.new.new_form_no')}`);
    const spec = wizard.specificationText !== null ? esc(wizard.specificationText) : null;
    lines.push(line(ctx, 'specification', spec ?? (count('specification') > 0 ? ctx.t('client.new.spec_as_file') : null)));
  }
  lines.push(
    line(
      ctx,
      'attachments',
      ctx.t('client.new.files_count', {
        screenshots: count('screenshot'),
        specification: count('specification'),
        mockups: count('mockup'),
        other: count('other'),
      }),
    ),
  );
  const hours = await hoursLine(ctx, service);
  if (hours !== '') lines.push('', hours);
  lines.push('', ctx.t('client.new.confirm_hint'));
  return lines.join('\n');
}
