import { checkFile, isImage } from '../../../src/bot/files/file-rules';
import type { IncomingFile } from '../../../src/bot/files/incoming-file';

const MB = 1024 * 1024;

function doc(fileName: string | null, mimeType: string | null, sizeBytes = 1000): IncomingFile {
  return { kind: 'document', fileId: 'f', fileUniqueId: 'u', fileName, mimeType, sizeBytes, mediaGroupId: null, durationSeconds: null };
}

const photo: IncomingFile = { kind: 'photo', fileId: 'p', fileUniqueId: 'u', fileName: null, mimeType: 'image/jpeg', sizeBytes: 5000, mediaGroupId: null, durationSeconds: null };

describe('file rules', () => {
  test('photos and image documents are images; a PDF is not', () => {
    expect(isImage(photo)).toBe(true);
    expect(isImage(doc('shot.png', 'image/png'))).toBe(true);
    expect(isImage(doc('spec.pdf', 'application/pdf'))).toBe(false);
    // An image MIME type on an executable name is not trusted.
    expect(isImage(doc('shot.exe', 'image/png'))).toBe(false);
  });

  test('a file over the limit is refused with its size and the limit, whatever the step', () => {
    expect(checkFile(doc('big.pdf', 'application/pdf', 21 * MB), 'documents', 20 * MB)).toEqual({ reason: 'too_large', limitMb: 20, sizeMb: 21 });
    expect(checkFile({ ...photo, sizeBytes: 30 * MB }, 'images', 20 * MB)).toMatchObject({ reason: 'too_large' });
    expect(checkFile(doc('ok.pdf', 'application/pdf', 20 * MB), 'documents', 20 * MB)).toBeNull();
  });

  test('documents outside the allowlist are refused; screenshot steps take only images', () => {
    expect(checkFile(doc('setup.exe', 'application/octet-stream'), 'documents', 20 * MB)).toMatchObject({ reason: 'type' });
    expect(checkFile(doc(null, 'application/pdf'), 'documents', 20 * MB)).toMatchObject({ reason: 'type' });
    expect(checkFile(doc('spec.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'documents', 20 * MB)).toBeNull();
    expect(checkFile(doc('spec.pdf', 'application/pdf'), 'images', 20 * MB)).toEqual({ reason: 'not_image' });
    expect(checkFile(photo, 'images', 20 * MB)).toBeNull();
  });

  test('video, video notes, voice, audio and animations are attachments within the size limit, never images', () => {
    const media = (kind: IncomingFile['kind'], sizeBytes: number): IncomingFile => ({ ...photo, kind, mimeType: null, sizeBytes, durationSeconds: 7 });
    for (const kind of ['video', 'video_note', 'voice', 'audio', 'animation'] as const) {
      expect(isImage(media(kind, MB))).toBe(false);
      expect(checkFile(media(kind, MB), 'documents', 20 * MB)).toBeNull();
      expect(checkFile(media(kind, MB), 'images', 20 * MB)).toEqual({ reason: 'not_image' });
      expect(checkFile(media(kind, 25 * MB), 'documents', 20 * MB)).toEqual({ reason: 'too_large', limitMb: 20, sizeMb: 25 });
    }
  });
});
