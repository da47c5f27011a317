import { OutboxActionOffers1767225960000 } from '../../../migrations/1767225960000-outbox-action-offers';
import { OutboxEntity } from '../../../src/persistence/entities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { createClient, createCompany } from '../../support/mothers';

/** Rows enqueued before outbox keyboards carried meaning: Telegram buttons with i18n labels. */
const OLD_SHAPES = {
  created: { rows: [[{ label: 'ticket.action.accept', data: 'tk:acc:12' }, { label: 'ticket.action.request_clarification', data: 'tk:clr:12' }], [{ label: 'app.button.open', data: 'tk:open:12' }]] },
  install: { rows: [[{ label: 'reminder.button.confirm', data: 'tk:cnf:13' }, { label: 'reminder.button.report_problem', data: 'tk:ref:13' }], [{ label: 'reminder.button.open', data: 'tk:open:13' }]] },
  testing: { rows: [[{ label: 'ticket.action.confirm', data: 'tk:cnf:14' }, { label: 'ticket.action.refuse', data: 'tk:ref:14' }]] },
  foreign: { rows: [[{ label: 'x', data: 'zz:open:1' }], [{ label: 'bot.button.rep', data: 'tk:rep:15' }]] },
};

describe('the outbox keyboard migration (Telegram buttons → offered actions)', () => {
  let db: TestDatabase;
  let recipientId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    recipientId = (await createClient(db.dataSource.manager, (await createCompany(db.dataSource.manager)).id)).id;
  });
  afterAll(() => db.close());

  async function insert(dedupeKey: string, keyboard: unknown, status = 'pending'): Promise<void> {
    await db.dataSource.query(
      `INSERT INTO outbox (recipient_id, key, params, keyboard, dedupe_key, status, next_attempt_at, created_at)
       VALUES ($1, 'notify.assigned_owner', '{}'::jsonb, $2::jsonb, $3, $4, now(), now())`,
      [recipientId, JSON.stringify(keyboard), dedupeKey, status],
    );
  }
  async function migrate(direction: 'up' | 'down'): Promise<void> {
    const runner = db.dataSource.createQueryRunner();
    try {
      await new OutboxActionOffers1767225960000()[direction](runner);
    } finally {
      await runner.release();
    }
  }
  const keyboardOf = async (dedupeKey: string): Promise<unknown> =>
    (await db.dataSource.manager.findOneByOrFail(OutboxEntity, { dedupeKey })).keyboard;

  it('converts the rows still to be sent, keeps what was sent, and leaves new rows alone', async () => {
    for (const [name, keyboard] of Object.entries(OLD_SHAPES)) await insert(name, keyboard);
    await insert('sent', OLD_SHAPES.created, 'sent');
    await insert('new-shape', { rows: [[{ action: 'open', ticket: 16 }]] });
    await insert('no-buttons', null);

    await migrate('up');

    expect(await keyboardOf('created')).toEqual({
      rows: [[{ action: 'accept', ticket: 12 }, { action: 'clarify', ticket: 12 }], [{ action: 'open', ticket: 12 }]],
    });
    expect(await keyboardOf('install')).toEqual({
      rows: [[{ action: 'confirm', ticket: 13 }, { action: 'report_problem', ticket: 13 }], [{ action: 'open', ticket: 13 }]],
    });
    expect(await keyboardOf('testing')).toEqual({ rows: [[{ action: 'confirm', ticket: 14 }, { action: 'refuse', ticket: 14 }]] });
    // A button that is not a ticket action goes, with its row.
    expect(await keyboardOf('foreign')).toEqual({ rows: [[{ action: 'reply', ticket: 15 }]] });
    expect(await keyboardOf('sent')).toEqual(OLD_SHAPES.created);
    expect(await keyboardOf('new-shape')).toEqual({ rows: [[{ action: 'open', ticket: 16 }]] });
    expect(await keyboardOf('no-buttons')).toBeNull();
  });

  it('goes back to Telegram buttons with the cards\' labels, and forward again to the same offers', async () => {
    const offers = await keyboardOf('install');
    await migrate('down');
    expect(await keyboardOf('install')).toEqual({
      rows: [
        [{ label: 'bot.button.cnf', data: 'tk:cnf:13' }, { label: 'bot.button.ref_install', data: 'tk:ref:13' }],
        [{ label: 'bot.button.open', data: 'tk:open:13' }],
      ],
    });
    await migrate('up');
    expect(await keyboardOf('install')).toEqual(offers);
  });
});
