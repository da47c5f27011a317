import { badRequest, conflict } from './api-error';
import type { MethodSpec } from './fake-context';

const getUpdates: MethodSpec = {
  handler: (params, ctx, call) => {
    if (ctx.webhook.config) {
      throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    return ctx.updates.getUpdates({
      offset: params.int('offset'),
      limit: params.int('limit'),
      timeoutSeconds: params.number('timeout'),
      allowedUpdates: params.json('allowed_updates', "can't parse allowed updates JSON object"),
      signal: call.signal,
    });
  },
};

const setWebhook: MethodSpec = {
  handler: (params, ctx) => {
    const url = params.string('url') ?? '';
    if (params.bool('drop_pending_updates')) ctx.updates.clear();
    // As in Telegram, an empty URL removes the webhook.
    if (url === '') {
      ctx.webhook.unset();
      return true;
    }
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    // Telegram requires HTTPS; the fake also takes http:// so tests can use a local server.
    if (protocol !== 'https:' && protocol !== 'http:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secretToken = params.string('secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('bad webhook: secret token contains unallowed characters');
    }
    const allowed = params.json('allowed_updates', "can't parse allowed updates JSON object");
    ctx.webhook.set({
      url,
      maxConnections: params.int('max_connections') ?? 40,
      setAt: ctx.now(),
      ...(secretToken !== undefined ? { secretToken } : {}),
      ...(Array.isArray(allowed) ? { allowedUpdates: allowed.filter((kind): kind is string => typeof kind === 'string') } : {}),
    });
    return true;
  },
};

const deleteWebhook: MethodSpec = {
  handler: (params, ctx) => {
    if (params.bool('drop_pending_updates')) ctx.updates.clear();
    ctx.webhook.unset();
    return true;
  },
};

const getWebhookInfo: MethodSpec = {
  handler: (_params, ctx) => {
    const config = ctx.webhook.config;
    const lastError = ctx.webhook.lastError;
    return {
      url: config?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: ctx.updates.pendingCount,
      ...(config ? { max_connections: config.maxConnections, ip_address: '127.0.0.1' } : {}),
      ...(config?.allowedUpdates ? { allowed_updates: config.allowedUpdates } : {}),
      ...(config && lastError ? { last_error_date: lastError.date, last_error_message: lastError.message } : {}),
    };
  },
};

export const updateMethods: Readonly<Record<string, MethodSpec>> = { getUpdates, setWebhook, deleteWebhook, getWebhookInfo };
