/**
 * The subset of Bot API objects the fake produces, shaped exactly like Telegram's JSON.
 * Own types (instead of telegraf's) keep the fake independent of the client library under test.
 */

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgBotUser extends TgUser {
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
}

export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: TgUser;
  language?: string;
  custom_emoji_id?: string;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  thumbnail?: TgPhotoSize;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgVideo {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  thumbnail?: TgPhotoSize;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgVideoNote {
  file_id: string;
  file_unique_id: string;
  /** Diameter: video notes are square. */
  length: number;
  duration: number;
  thumbnail?: TgPhotoSize;
  file_size?: number;
}

export interface TgAudio {
  file_id: string;
  file_unique_id: string;
  duration: number;
  performer?: string;
  title?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
  thumbnail?: TgPhotoSize;
}

export interface TgAnimation {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  thumbnail?: TgPhotoSize;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgSticker {
  file_id: string;
  file_unique_id: string;
  type: 'regular';
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  emoji?: string;
  file_size?: number;
}

export interface TgVoice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

export interface TgLocation {
  latitude: number;
  longitude: number;
}

export interface TgContact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
}

export interface TgFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path?: string;
}

/** Buttons keep unknown fields as sent (web_app, login_url, ...), the fake only checks a few. */
export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [field: string]: unknown;
}

export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineKeyboardButton[][];
}

export interface TgKeyboardButton {
  text: string;
  [field: string]: unknown;
}

export interface TgReplyKeyboardMarkup {
  keyboard: TgKeyboardButton[][];
  [field: string]: unknown;
}

export interface TgReplyKeyboardRemove {
  remove_keyboard: true;
  selective?: boolean;
}

export interface TgForceReply {
  force_reply: true;
  input_field_placeholder?: string;
  selective?: boolean;
}

export type TgReplyMarkup = TgInlineKeyboardMarkup | TgReplyKeyboardMarkup | TgReplyKeyboardRemove | TgForceReply;

export interface TgMessageOrigin {
  type: 'user' | 'hidden_user' | 'chat';
  date: number;
  sender_user?: TgUser;
  sender_user_name?: string;
  sender_chat?: TgChat;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  edit_date?: number;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  photo?: TgPhotoSize[];
  document?: TgDocument;
  sticker?: TgSticker;
  voice?: TgVoice;
  video?: TgVideo;
  video_note?: TgVideoNote;
  audio?: TgAudio;
  animation?: TgAnimation;
  location?: TgLocation;
  contact?: TgContact;
  media_group_id?: string;
  reply_to_message?: TgMessage;
  reply_markup?: TgInlineKeyboardMarkup;
  forward_origin?: TgMessageOrigin;
  has_protected_content?: true;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgChatMember {
  status: 'member' | 'kicked' | 'left' | 'administrator' | 'creator' | 'restricted';
  user: TgUser;
  until_date?: number;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
}

/** Update kinds in the order Telegram documents them; used for allowed_updates filtering. */
export const UPDATE_KINDS = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export function updateKind(update: TgUpdate): UpdateKind | undefined {
  return UPDATE_KINDS.find((kind) => update[kind] !== undefined);
}
