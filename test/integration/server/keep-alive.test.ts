import { Socket } from 'node:net';
import { Telegram } from 'telegraf';
import { FakeTelegram } from '../../../src/fake-telegram';

describe('Bot API connections are kept alive', () => {
  let fake: FakeTelegram;
  beforeAll(async () => {
    fake = await FakeTelegram.start();
  });
  afterAll(() => fake.stop());
  afterEach(() => jest.restoreAllMocks());

  // Node's agent drops a socket whose server says Keep-Alive: timeout=1 or less; the fake once
  // did, and every call of the bot paid a TCP handshake that Telegram does not charge.
  it('many calls of one client share one connection, as with Telegram', async () => {
    const connect = jest.spyOn(Socket.prototype, 'connect');
    const telegram = new Telegram(fake.token, { apiRoot: fake.url });
    for (let i = 0; i < 5; i++) await telegram.getMe();
    expect(connect).toHaveBeenCalledTimes(1);
  });
});
