import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegram, TelegramError } from 'telegraf';
import { botApiTransport, useTransport } from '../../../src/telegram/bot-api-transport';

const TOKEN = '123456:secret-token';

interface Seen {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

/** A Bot API stand-in answering each request with what `answer` says. */
async function server(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('botApiTransport: JSON Bot API calls over keep-alive http', () => {
  test('posts the payload as JSON without empty fields to /bot<token>/<method> and returns the result', async () => {
    const api = await server((_req, res) => json(res, 200, { ok: true, result: { message_id: 7 } }));
    try {
      const call = botApiTransport(api.url, TOKEN);
      await expect(call('sendMessage', { chat_id: 5, text: 'привет <b>', reply_markup: undefined, reply_parameters: null })).resolves.toEqual({ message_id: 7 });
      expect(api.seen).toEqual([{ path: `/bot${TOKEN}/sendMessage`, contentType: 'application/json', body: '{"chat_id":5,"text":"привет <b>"}' }]);
    } finally {
      await api.close();
    }
  });

  test('ok:false is a TelegramError with the code, the description and retry_after, as telegraf throws it', async () => {
    const api = await server((_req, res) =>
      json(res, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }),
    );
    try {
      const failure = await botApiTransport(api.url, TOKEN)('sendMessage', { chat_id: 5, text: 'x' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TelegramError);
      expect(failure).toMatchObject({ code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 }, on: { method: 'sendMessage' } });
    } finally {
      await api.close();
    }
  });

  test('a 5xx without a Bot API body is a TelegramError with the HTTP status', async () => {
    const api = await server((_req, res) => {
      res.writeHead(502, 'Bad Gateway');
      res.end('<html>bad gateway</html>');
    });
    try {
      await expect(botApiTransport(api.url, TOKEN)('getMe', {})).rejects.toMatchObject({ code: 502, description: 'Bad Gateway' });
    } finally {
      await api.close();
    }
  });

  test('a refused connection rejects with the network error (the caller retries or defers)', async () => {
    const api = await server(() => undefined);
    const url = api.url;
    await api.close();
    await expect(botApiTransport(url, TOKEN)('getMe', {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  test("useTransport: JSON calls go through the transport, uploads through telegraf's multipart client", async () => {
    const api = await server((_req, res) => json(res, 200, { ok: true, result: true }));
    try {
      const telegram = new Telegram(TOKEN, { apiRoot: api.url });
      const through: string[] = [];
      const transport = botApiTransport(api.url, TOKEN);
      useTransport(telegram, (method, payload) => {
        through.push(method);
        return transport(method, payload);
      });
      await telegram.sendMessage(5, 'hi');
      await telegram.sendDocument(5, { source: Buffer.from('file'), filename: 'a.txt' });
      expect(through).toEqual(['sendMessage']);
      expect(api.seen.map((s) => [s.path.split('/').pop(), s.contentType.split(';')[0]])).toEqual([
        ['sendMessage', 'application/json'],
        ['sendDocument', 'multipart/form-data'],
      ]);
    } finally {
      await api.close();
    }
  });
});
