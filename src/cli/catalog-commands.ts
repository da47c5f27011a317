import { optionalString, requirePositional, requireString, table, type CliCommand } from './command';

export const catalogCommands: readonly CliCommand[] = [
  {
    name: 'regulation publish',
    usage: 'regulation publish [--version N] --summary-ru "<text>" --summary-en "<text>" --url <link>',
    summary: 'publish a new regulation version; every user accepts it again',
    options: {
      version: { type: 'string' },
      'summary-ru': { type: 'string' },
      'summary-en': { type: 'string' },
      url: { type: 'string' },
    },
    async run(ctx, values) {
      const version = optionalString(values, 'version');
      const published = await ctx.admin.publishRegulation({
        ...(version ? { version } : {}),
        summaryRu: requireString(values, 'summary-ru', this),
        summaryEn: requireString(values, 'summary-en', this),
        url: requireString(values, 'url', this),
      });
      ctx.out(`Regulation version ${published.version} published; users will be asked to accept it.`);
    },
  },
  {
    name: 'service list',
    usage: 'service list [--all]',
    summary: 'list the service catalog (--all: with deactivated entries)',
    options: { all: { type: 'boolean' } },
    async run(ctx, values) {
      const services = await ctx.admin.services({ includeInactive: values.all === true });
      table([
        ['CODE', 'NAME', 'BILLING', 'SELECTABLE', 'ACTIVE'],
        ...services.map((s) => [
          s.code,
          s.nameEn,
          s.billing + (s.contractKind ? ` (${s.contractKind})` : ''),
          s.selectable ? 'yes' : 'no',
          s.active ? 'yes' : 'no',
        ]),
      ]).forEach(ctx.out);
    },
  },
  {
    name: 'service add',
    usage:
      'service add <code> --ru "<name>" --en "<name>" --billing contract|paid|none [--kind support|implementation] --department <code>',
    summary: 'add a service to the catalog',
    options: {
      ru: { type: 'string' },
      en: { type: 'string' },
      billing: { type: 'string' },
      kind: { type: 'string' },
      department: { type: 'string' },
    },
    async run(ctx, values, args) {
      const service = await ctx.admin.addService({
        code: requirePositional(args, 0, 'the code', this),
        nameRu: requireString(values, 'ru', this),
        nameEn: requireString(values, 'en', this),
        billing: requireString(values, 'billing', this),
        contractKind: optionalString(values, 'kind') ?? null,
        department: requireString(values, 'department', this),
      });
      ctx.out(`Service added: ${service.code} — ${service.nameEn}`);
    },
  },
  {
    name: 'service deactivate',
    usage: 'service deactivate <code>',
    summary: 'hide a service from new tickets',
    options: {},
    async run(ctx, _values, args) {
      const service = await ctx.admin.setServiceActive({ code: requirePositional(args, 0, 'the code', this), active: false });
      ctx.out(`Service ${service.code} deactivated.`);
    },
  },
  {
    name: 'service activate',
    usage: 'service activate <code>',
    summary: 'offer a deactivated service again',
    options: {},
    async run(ctx, _values, args) {
      const service = await ctx.admin.setServiceActive({ code: requirePositional(args, 0, 'the code', this), active: true });
      ctx.out(`Service ${service.code} activated.`);
    },
  },
];
