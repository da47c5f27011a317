import { optionalString, requirePositional, requireString, table, type CliCommand } from './command';

export const companyCommands: readonly CliCommand[] = [
  {
    name: 'company add',
    usage: 'company add "<name>"',
    summary: 'create a client company',
    options: {},
    async run(ctx, _values, args) {
      const company = await ctx.admin.createCompany(args.join(' ') || requirePositional(args, 0, 'the name', this));
      ctx.out(`Company created: ${company.name} (id ${company.id})`);
    },
  },
  {
    name: 'company list',
    usage: 'company list',
    summary: 'list client companies',
    options: {},
    async run(ctx) {
      const companies = await ctx.admin.companies();
      if (companies.length === 0) return ctx.out('No companies yet.');
      table([['ID', 'NAME'], ...companies.map((c) => [c.id, c.name])]).forEach(ctx.out);
    },
  },
  {
    name: 'company rename',
    usage: 'company rename <id|name> "<new name>"',
    summary: 'rename a company',
    options: {},
    async run(ctx, _values, args) {
      const ref = requirePositional(args, 0, 'the company', this);
      const name = requirePositional(args, 1, 'the new name', this);
      const company = await ctx.admin.renameCompany({ company: ref, name });
      ctx.out(`Company renamed: ${company.name} (id ${company.id})`);
    },
  },
  {
    name: 'contract add',
    usage:
      'contract add --company <id|name> --kind support|implementation --number <no> --from YYYY-MM-DD --to YYYY-MM-DD --hours <h> [--modifications]',
    summary: "add a contract with its monthly norm-hours",
    options: {
      company: { type: 'string' },
      kind: { type: 'string' },
      number: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      hours: { type: 'string' },
      modifications: { type: 'boolean' },
    },
    async run(ctx, values) {
      const contract = await ctx.admin.addContract({
        company: requireString(values, 'company', this),
        kind: requireString(values, 'kind', this),
        number: requireString(values, 'number', this),
        validFrom: requireString(values, 'from', this),
        validTo: requireString(values, 'to', this),
        monthlyHours: requireString(values, 'hours', this),
        modificationsIncluded: values.modifications === true,
      });
      ctx.out(
        `Contract ${contract.number} (${contract.kind}) added: ${contract.startsOn} – ${contract.endsOn}, ` +
          `${contract.monthlyHours} h a month${contract.modificationsIncluded ? ', modifications included' : ''} (id ${contract.id})`,
      );
    },
  },
  {
    name: 'contract list',
    usage: 'contract list [--company <id|name>]',
    summary: 'list contracts',
    options: { company: { type: 'string' } },
    async run(ctx, values) {
      const ref = optionalString(values, 'company');
      const contracts = await ctx.admin.contracts(ref ? { company: ref } : {});
      const names = new Map((await ctx.admin.companies()).map((c) => [c.id, c.name]));
      if (contracts.length === 0) return ctx.out('No contracts.');
      table([
        ['COMPANY', 'NUMBER', 'KIND', 'FROM', 'TO', 'HOURS/MONTH', 'MODIFICATIONS'],
        ...contracts.map((c) => [
          names.get(c.companyId) ?? c.companyId,
          c.number,
          c.kind,
          c.startsOn,
          c.endsOn,
          String(c.monthlyHours),
          c.modificationsIncluded ? 'yes' : 'no',
        ]),
      ]).forEach(ctx.out);
    },
  },
];
