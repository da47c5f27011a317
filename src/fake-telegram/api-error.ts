/**
 * Errors the fake answers with. Descriptions follow what the real Bot API returns, so code
 * under test that matches on `description` behaves the same against the fake and Telegram.
 */

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'ApiError';
  }

  /** The JSON body Telegram sends for this error. */
  toBody(): ErrorBody {
    const body: ErrorBody = { ok: false, error_code: this.errorCode, description: this.description };
    if (this.parameters) body.parameters = this.parameters;
    return body;
  }
}

export interface ErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export interface OkBody {
  ok: true;
  result: unknown;
}

export type ApiResponseBody = OkBody | ErrorBody;

export const badRequest = (detail: string): ApiError => new ApiError(400, `Bad Request: ${detail}`);

export const forbidden = (detail: string): ApiError => new ApiError(403, `Forbidden: ${detail}`);

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

export const notFound = (): ApiError => new ApiError(404, 'Not Found');

export const unauthorized = (): ApiError => new ApiError(401, 'Unauthorized');

export const conflict = (detail: string): ApiError => new ApiError(409, `Conflict: ${detail}`);

const SERVER_ERROR_TEXT: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const serverError = (status: number, description?: string): ApiError =>
  new ApiError(status, description ?? SERVER_ERROR_TEXT[status] ?? 'Internal Server Error');

/** Exact descriptions used in more than one place (and handy for test assertions). */
export const Descriptions = {
  chatNotFound: 'Bad Request: chat not found',
  chatIdEmpty: 'Bad Request: chat_id is empty',
  textEmpty: 'Bad Request: message text is empty',
  textMustBeNonEmpty: 'Bad Request: text must be non-empty',
  messageTooLong: 'Bad Request: message is too long',
  captionTooLong: 'Bad Request: message caption is too long',
  buttonDataInvalid: 'Bad Request: BUTTON_DATA_INVALID',
  notModified:
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  messageToEditNotFound: 'Bad Request: message to edit not found',
  messageToDeleteNotFound: 'Bad Request: message to delete not found',
  messageToReplyNotFound: 'Bad Request: message to be replied not found',
  queryTooOld: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
  wrongFileId: 'Bad Request: wrong file identifier/HTTP URL specified',
  botBlocked: 'Forbidden: bot was blocked by the user',
  getUpdatesConflict:
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  webhookActiveConflict:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
} as const;
