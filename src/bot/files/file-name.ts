import { mediaLabel } from '../../telegram/media-label';
import type { IncomingFile } from './incoming-file';

/**
 * How the bot names a file back to the client: its file name, else its kind and duration
 * ("🎤 voice 0:07"), else "photo".
 */
export function fileDisplayName(t: (key: string, params?: Readonly<Record<string, string | number>>) => string, file: IncomingFile): string {
  return file.fileName ?? mediaLabel((key, params) => t(key, params), file) ?? t('client.new.photo');
}
