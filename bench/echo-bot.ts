import { createServer } from 'node:http';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';

/**
 * The yardstick for the desk bot under load: a bare Telegraf bot that answers every text message
 * with the same text, in webhook mode on a node:http server (telegraf's own webhookCallback,
 * which checks the secret header and answers once the update was handled). Run as its own
 * process by bench/bot-load.ts, compiled (bench/tsconfig.build.json), with the same variables as
 * the desk bot: BOT_TOKEN, TELEGRAM_API_ROOT, WEBHOOK_PATH, WEBHOOK_SECRET, PORT.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`echo bot: ${name} is required`);
  return value;
}

async function main(): Promise<void> {
  // webhookReply off: the reply is its own HTTP call to the Bot API, as the desk bot's are
  // (with it on, telegraf would put the first call in the webhook response, which the bench ignores).
  const bot = new Telegraf(required('BOT_TOKEN'), { telegram: { apiRoot: required('TELEGRAM_API_ROOT'), webhookReply: false } });
  bot.on(message('text'), (ctx) => ctx.reply(ctx.message.text));
  // Error lines in pino's shape, so the bench counts them like the desk bot's.
  bot.catch((error, ctx) => {
    const msg = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), update_id: ctx.update.update_id, msg })}\n`);
    throw error;
  });
  bot.botInfo = await bot.telegram.getMe();
  const webhook = bot.webhookCallback(required('WEBHOOK_PATH'), { secretToken: required('WEBHOOK_SECRET') });
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/readyz') {
      res.end('ready');
      return;
    }
    webhook(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(Number(required('PORT')), '127.0.0.1');
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
