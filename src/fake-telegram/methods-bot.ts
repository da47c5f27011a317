import { badRequest } from './api-error';
import type { FakeContext, MethodSpec } from './fake-context';
import { isRecord, type Params } from './params';

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

const getMe: MethodSpec = { handler: (_params, ctx) => ctx.bot };

const getChat: MethodSpec = {
  handler: (params, ctx) => ({ ...ctx.chats.resolve(params.raw('chat_id')), accent_color_id: 0, max_reaction_count: 11 }),
};

const sendChatAction: MethodSpec = {
  handler: (params, ctx) => {
    const chat = ctx.chats.resolveWritable(params.raw('chat_id'));
    const action = params.string('action');
    if (action === undefined || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    ctx.chatActions.push({ chatId: chat.id, action, at: ctx.now() });
    return true;
  },
};

const answerCallbackQuery: MethodSpec = {
  handler: (params, ctx) => {
    const text = params.string('text');
    const url = params.string('url');
    const cacheTime = params.int('cache_time');
    ctx.callbacks.answer(
      params.string('callback_query_id'),
      {
        showAlert: params.bool('show_alert') ?? false,
        ...(text !== undefined ? { text } : {}),
        ...(url !== undefined ? { url } : {}),
        ...(cacheTime !== undefined ? { cacheTime } : {}),
      },
      ctx.now(),
    );
    return true;
  },
};

/** The scope parameter, with chat scopes checked against known chats like Telegram does. */
function readScope(params: Params, ctx: FakeContext): unknown {
  const scope = params.json('scope', "can't parse BotCommandScope JSON object");
  if (isRecord(scope) && scope.chat_id !== undefined) ctx.chats.resolve(scope.chat_id);
  return scope;
}

const setMyCommands: MethodSpec = {
  handler: (params, ctx) => {
    const commands = params.json('commands', "can't parse commands JSON object");
    ctx.commands.set(readScope(params, ctx), params.string('language_code'), commands);
    return true;
  },
};

const getMyCommands: MethodSpec = {
  handler: (params, ctx) => ctx.commands.get(readScope(params, ctx), params.string('language_code')),
};

const deleteMyCommands: MethodSpec = {
  handler: (params, ctx) => {
    ctx.commands.delete(readScope(params, ctx), params.string('language_code'));
    return true;
  },
};

export const botMethods: Readonly<Record<string, MethodSpec>> = {
  getMe,
  getChat,
  sendChatAction,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
};
