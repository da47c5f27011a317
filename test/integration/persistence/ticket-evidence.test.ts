import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany, createTicket, seededDepartment } from '../../support/mothers';

describe('ticket evidence answers (SPEC §3, issue 12)', () => {
  let db: TestDatabase;
  let who: { companyId: string; authorId: string; departmentId: string };
  beforeAll(async () => {
    db = await openTestDatabase();
    const m = db.dataSource.manager;
    const companyId = (await createCompany(m)).id;
    who = { companyId, authorId: (await createClient(m, companyId)).id, departmentId: (await seededDepartment(m)).id };
  });
  afterAll(() => db.close());

  const read = async (id: string): Promise<{ no_error_message: boolean; new_form: boolean | null }> => {
    const [row] = await db.dataSource.query<{ no_error_message: boolean; new_form: boolean | null }[]>(
      'SELECT no_error_message, new_form FROM tickets WHERE id = $1',
      [id],
    );
    if (!row) throw new Error('no row');
    return row;
  };

  it('stores "No error message is shown" and the new-form answer, and defaults them when left out', async () => {
    const m = db.dataSource.manager;
    const silent = await createTicket(m, who, { type: 'problem', errorText: null, noErrorMessage: true });
    const form = await createTicket(m, who, { type: 'modification', newForm: true });
    const plain = await createTicket(m, who);
    expect(await read(silent.id)).toEqual({ no_error_message: true, new_form: null });
    expect(await read(form.id)).toEqual({ no_error_message: false, new_form: true });
    expect(await read(plain.id)).toEqual({ no_error_message: false, new_form: null });
  });

  it('refuses the flag next to an error text or on another type', async () => {
    const m = db.dataSource.manager;
    await expect(createTicket(m, who, { type: 'problem', errorText: 'Access denied', noErrorMessage: true })).rejects.toThrow();
    await expect(createTicket(m, who, { type: 'question', noErrorMessage: true })).rejects.toThrow();
  });
});
