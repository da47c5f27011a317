import type { DataSource } from 'typeorm';

/** Who the seeded tickets belong to. */
export interface SeedPeople {
  readonly companyId: string;
  readonly authorId: string;
  readonly ownerId: string;
  readonly departmentId: string;
}

/** A company, a client, three engineers of the support department and an admin, by plain SQL. */
export async function seedPeople(dataSource: DataSource, telegramIdBase: number): Promise<SeedPeople> {
  const [company] = (await dataSource.query(`INSERT INTO companies (name) VALUES ('Bench Co') RETURNING id`)) as { id: string }[];
  const [department] = (await dataSource.query(`SELECT id FROM departments WHERE code = 'support'`)) as { id: string }[];
  if (!company || !department) throw new Error('seed: no company or support department');
  const user = async (role: string, n: number, companyId: string | null, departmentId: string | null): Promise<string> => {
    const [row] = (await dataSource.query(
      `INSERT INTO users (telegram_id, role, company_id, department_id, language, display_name)
       VALUES ($1, $2, $3, $4, 'ru', $5) RETURNING id`,
      [telegramIdBase + n, role, companyId, departmentId, `${role} ${n}`],
    )) as { id: string }[];
    if (!row) throw new Error('seed: user not inserted');
    return row.id;
  };
  const authorId = await user('client', 1, company.id, null);
  const ownerId = await user('engineer', 2, null, department.id);
  await user('engineer', 3, null, department.id);
  await user('engineer', 4, null, department.id);
  await user('admin', 5, null, null);
  return { companyId: company.id, authorId, ownerId, departmentId: department.id };
}

/**
 * Inserts `total` tickets with one generate_series statement per kind; the first `due` of
 * them have something due at `now`, in thirds: a clarification window that ended an hour ago
 * (auto-reject), a testing window ending tonight whose 1-day reminder is due, a `new` ticket
 * whose review warning is due. Of the rest, half wait in clarification with a window ending in
 * 10 days (a future next_due_at), half are accepted (nothing due). `now` must be a working
 * hour on a business day that is followed by one (e.g. Wednesday 2026-03-11 12:00 Moscow).
 */
export async function seedTickets(dataSource: DataSource, people: SeedPeople, total: number, due: number, now: Date): Promise<void> {
  const insert = (count: number, columns: string): Promise<unknown> =>
    count <= 0
      ? Promise.resolve()
      : dataSource.query(
          `INSERT INTO tickets (company_id, author_id, department_id, owner_id, service_code, billing, contract_kind,
             type, priority, subject, description, created_at, updated_at,
             state, entered_new_at, state_changed_at, window_ends_at, review_due_at, reminders_sent, next_due_at, next_due_kind)
           SELECT $1, $2, $3, $4, 'support.phone', 'contract', 'support', 'question', 'normal',
                  'Bench ticket ' || g, 'A ticket generated for the scheduler benchmark.', $5::timestamptz, $5::timestamptz,
                  ${columns}
             FROM generate_series(1, $6) AS g`,
          [people.companyId, people.authorId, people.departmentId, people.ownerId, now, count],
        );
  const hour = "interval '1 hour'";
  const day = "interval '1 day'";
  const third = Math.floor(due / 3);
  await insert(
    due - 2 * third,
    `'clarification', $5::timestamptz - 14 * ${day}, $5::timestamptz - 14 * ${day} - ${hour}, $5::timestamptz - ${hour},
     NULL, '{7,3,1}', $5::timestamptz - ${hour}, 'window_end'`,
  );
  await insert(
    third,
    `'customer_testing', $5::timestamptz - 13 * ${day}, $5::timestamptz - 13 * ${day} - 12 * ${hour}, $5::timestamptz + 12 * ${hour},
     NULL, '{7,3}', $5::timestamptz - 3 * ${hour}, 'reminder'`,
  );
  await insert(
    third,
    `'new', $5::timestamptz - 2 * ${day}, $5::timestamptz - 2 * ${day}, NULL,
     date_trunc('day', $5::timestamptz AT TIME ZONE 'Europe/Moscow' + 2 * ${day}) AT TIME ZONE 'Europe/Moscow' - interval '1 millisecond',
     '{}', $5::timestamptz - 3 * ${hour}, 'review_warning'`,
  );
  const rest = total - due;
  const waiting = Math.floor(rest / 2);
  await insert(
    waiting,
    `'clarification', $5::timestamptz - 4 * ${day}, $5::timestamptz - 4 * ${day}, $5::timestamptz + 10 * ${day},
     NULL, '{}', $5::timestamptz + 3 * ${day}, 'reminder'`,
  );
  await insert(rest - waiting, `'accepted', $5::timestamptz, $5::timestamptz, NULL, NULL, '{}', NULL, NULL`);
}
