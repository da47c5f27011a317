import { Writable } from 'node:stream';
import pino from 'pino';
import type { DeskContext } from '../../../src/bot/context';
import { logTicket } from '../../../src/bot/tickets/log-ticket';

describe('logTicket', () => {
  it('puts the ticket number on every later line of the update, once', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const ctx = { log: pino({ level: 'info' }, sink).child({ update_id: 7 }) } as unknown as DeskContext;
    ctx.log.info('before');
    logTicket(ctx, 42);
    logTicket(ctx, 42);
    ctx.log.info('after');
    expect(lines[0]).toMatchObject({ update_id: 7, msg: 'before' });
    expect(lines[0]).not.toHaveProperty('ticket');
    expect(lines[1]).toMatchObject({ update_id: 7, ticket: 42, msg: 'after' });
    expect(JSON.stringify(lines[1]).match(/"ticket"/g)).toHaveLength(1);
  });
});
