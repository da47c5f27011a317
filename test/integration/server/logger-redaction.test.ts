import { Writable } from 'node:stream';
import { createLogger, scrubSecrets } from '../../../src/logger';

const TOKEN = '1234567:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET = 'hook_secret_0123456789';

function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; stream: Writable } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    stream,
    raw: () => text,
    lines: () =>
      text
        .trim()
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('logger redaction', () => {
  test('token, secret and authorization fields are redacted at the top level and one level down', () => {
    const out = capture();
    const log = createLogger('info', { destination: out.stream });
    log.info(
      {
        token: TOKEN,
        secret: SECRET,
        config: { BOT_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET, PORT: 8080 },
        req: { headers: { authorization: 'Bearer abc', 'x-telegram-bot-api-secret-token': SECRET, host: 'desk' } },
        headers: { 'x-telegram-bot-api-secret-token': SECRET },
      },
      'starting',
    );
    const [line] = out.lines();
    expect(line).toMatchObject({
      msg: 'starting',
      token: '[Redacted]',
      secret: '[Redacted]',
      config: { BOT_TOKEN: '[Redacted]', WEBHOOK_SECRET: '[Redacted]', PORT: 8080 },
      req: { headers: { authorization: '[Redacted]', 'x-telegram-bot-api-secret-token': '[Redacted]', host: 'desk' } },
      headers: { 'x-telegram-bot-api-secret-token': '[Redacted]' },
    });
    expect(out.raw()).not.toContain(TOKEN);
    expect(out.raw()).not.toContain(SECRET);
  });

  test('a bot token inside a URL, a message, nested fields, an error or a database URL password is replaced', () => {
    const out = capture();
    const log = createLogger('info', { destination: out.stream }).child({ update_id: 7 });
    const url = `https://api.telegram.org/bot${TOKEN}/sendMessage`;
    log.warn({ url, nested: { calls: [url] } }, `request to ${url} failed`);
    log.error({ err: new Error(`request to ${url} failed, reason: ECONNRESET`) }, 'send failed');
    log.info({ database: 'postgres://desk:s3cretpw@db:5432/desk' }, 'db');
    const [first, second, third] = out.lines();
    expect(first).toMatchObject({
      update_id: 7,
      url: 'https://api.telegram.org/bot[Redacted]/sendMessage',
      nested: { calls: ['https://api.telegram.org/bot[Redacted]/sendMessage'] },
      msg: 'request to https://api.telegram.org/bot[Redacted]/sendMessage failed',
    });
    expect((second?.err as { message: string }).message).toBe(
      'request to https://api.telegram.org/bot[Redacted]/sendMessage failed, reason: ECONNRESET',
    );
    expect(third?.database).toBe('postgres://desk:[Redacted]@db:5432/desk');
    expect(out.raw()).not.toContain(TOKEN);
    expect(out.raw()).not.toContain('s3cretpw');
  });

  test('scrubSecrets leaves ordinary text alone', () => {
    expect(scrubSecrets('ticket №12 at 10:30, user 123456')).toBe('ticket №12 at 10:30, user 123456');
  });
});
