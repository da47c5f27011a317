import { planFileSends } from '../../../src/notify/file-sends';
import { formatDuration, mediaLabel } from '../../../src/telegram/media-label';
import type { FileToSend } from '../../../src/application/views/notification';

const file = (kind: FileToSend['kind'], id: string, durationSeconds: number | null = null): FileToSend => ({ fileId: id, kind, durationSeconds });

describe('planning the calls that send files again (issue 13 §3)', () => {
  test('photos and videos share albums; documents and audio have albums of their own; voice, video notes and GIFs go one by one', () => {
    const files = [
      file('photo', 'p1'), file('voice', 'v1', 7), file('video', 'm1', 42), file('document', 'd1'), file('audio', 'a1', 60),
      file('document', 'd2'), file('video_note', 'n1', 9), file('animation', 'g1', 2), file('audio', 'a2', 61), file('photo', 'p2'),
    ];
    const plan = planFileSends(files, (f) => (f.durationSeconds === null ? null : `${f.kind} ${f.durationSeconds}`));
    expect(plan).toEqual([
      { kind: 'album', fileIds: ['p1', 'm1', 'p2'], items: [{ type: 'photo', fileId: 'p1' }, { type: 'video', fileId: 'm1', caption: 'video 42' }, { type: 'photo', fileId: 'p2' }] },
      { kind: 'album', fileIds: ['d1', 'd2'], items: [{ type: 'document', fileId: 'd1' }, { type: 'document', fileId: 'd2' }] },
      { kind: 'album', fileIds: ['a1', 'a2'], items: [{ type: 'audio', fileId: 'a1', caption: 'audio 60' }, { type: 'audio', fileId: 'a2', caption: 'audio 61' }] },
      { kind: 'voice', fileId: 'v1', caption: 'voice 7' },
      { kind: 'video_note', fileId: 'n1', caption: 'video_note 9' },
      { kind: 'animation', fileId: 'g1', caption: 'animation 2' },
    ]);
  });

  test('albums hold ten at most; a lone file of a group goes with its own method', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => file(i % 2 === 0 ? 'photo' : 'video', `f${i}`, i % 2 === 0 ? null : 5));
    const plan = planFileSends([...twelve, file('document', 'd')]);
    expect(plan.map((send) => (send.kind === 'album' ? send.fileIds.length : send.kind))).toEqual([10, 2, 'document']);
    expect(planFileSends([file('video', 'only', 3)])).toEqual([{ kind: 'video', fileId: 'only' }]);
  });
});

describe('media labels', () => {
  const t = (key: string, params: Readonly<Record<string, string | number>>): string => `${key.split('.').at(-1)} ${String(params.duration)}`;

  test('durations read m:ss, or h:mm:ss from an hour', () => {
    expect([0, 7, 42, 185, 3599, 3725].map(formatDuration)).toEqual(['0:00', '0:07', '0:42', '3:05', '59:59', '1:02:05']);
  });

  test('media kinds get their label with the duration; photos and documents none', () => {
    expect(mediaLabel(t, { kind: 'voice', durationSeconds: 7 })).toBe('voice 0:07');
    expect(mediaLabel(t, { kind: 'video', durationSeconds: null })).toBe('video');
    expect(mediaLabel(t, { kind: 'photo', durationSeconds: null })).toBeNull();
    expect(mediaLabel(t, { kind: 'document' })).toBeNull();
  });
});
