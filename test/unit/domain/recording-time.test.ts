import { RecordingFormat } from '../../../src/domain/model';
import { expiryFromSignedUrl, recordingFormatFromUrl } from '../../../src/domain/recording';
import { fromEpochMillis, fromEpochSeconds, fromNaiveUtc, fromZonedString } from '../../../src/domain/time';

describe('recording helpers', () => {
  it.each([
    ['https://micro1.ai/interview/h0gqkAcaDJ.m3u8', RecordingFormat.HLS],
    ['https://cdn.heymilo.io/recordings/abc123.mp3?Expires=1', RecordingFormat.MP3],
    ['https://cdn.heymilo.io/recordings/abc123.MP4', RecordingFormat.MP4],
    ['https://x.example/a.webm', RecordingFormat.WEBM],
    ['https://client.micro1.ai/ai-interview-video/ABCDXYZ', RecordingFormat.UNKNOWN],
    ['not a url.mp3', RecordingFormat.MP3],
  ])('format of %s is %s', (url, format) => {
    expect(recordingFormatFromUrl(url)).toBe(format);
  });

  it('reads expiry from AWS SigV4, Google and Expires= signed URLs', () => {
    expect(expiryFromSignedUrl('https://s3/x.mp3?X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600')).toBe('2026-01-01T01:00:00.000Z');
    expect(expiryFromSignedUrl('https://gcs/x.mp3?X-Goog-Date=20260101T000000Z&X-Goog-Expires=60')).toBe('2026-01-01T00:01:00.000Z');
    expect(expiryFromSignedUrl('https://cdn/x.mp4?Expires=1767225600&Signature=abc')).toBe('2026-01-01T00:00:00.000Z');
    expect(expiryFromSignedUrl('https://cdn/x.mp4')).toBeNull();
    expect(expiryFromSignedUrl('::::')).toBeNull();
  });
});

describe('time helpers', () => {
  it('converts vendor timestamp formats to ISO UTC, null when unreadable', () => {
    expect(fromEpochSeconds(1739713800)).toBe('2025-02-16T13:50:00.000Z');
    expect(fromEpochMillis(1755695988585)).toBe('2025-08-20T13:19:48.585Z');
    expect(fromNaiveUtc('2021-01-01 00:00:00')).toBe('2021-01-01T00:00:00.000Z');
    expect(fromNaiveUtc('2024-01-01')).toBe('2024-01-01T00:00:00.000Z');
    expect(fromNaiveUtc('2025-07-10 11:52')).toBe('2025-07-10T11:52:00.000Z');
    expect(fromNaiveUtc('yesterday')).toBeNull();
    expect(fromNaiveUtc(null)).toBeNull();
    expect(fromEpochSeconds(Number.NaN)).toBeNull();
    expect(fromZonedString('Thu, 10 Jul 2025 11:52:57 GMT')).toBe('2025-07-10T11:52:57.000Z');
    expect(fromZonedString('garbage')).toBeNull();
  });
});

describe('fromNaiveUtc', () => {
  // The Date round trip the fast path for `YYYY-MM-DD HH:MM:SS` must agree with, rollovers included.
  const viaDate = (value: string): string | null => {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
    if (!match) return null;
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
    const time = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  };

  it.each([
    '2024-02-29 10:00:00',
    '2023-02-29 10:00:00',
    '1900-02-29 00:00:00',
    '2000-02-29 00:00:00',
    '2024-04-31 12:00:00',
    '2024-12-31 23:59:59',
    '2024-01-01 24:00:00',
    '2024-01-01 23:60:00',
    '2024-13-01 00:00:00',
    '2024-00-10 00:00:00',
    '2024-01-00 00:00:00',
    '0050-01-01 00:00:00',
    '0999-06-15 08:30:00',
    ' 2024-05-06 07:08:09 ',
    '2024-05-06T07:08:09',
    '2024-05-06 07:08',
    '2024-05-06 7:08:09',
    '2024-05-06 07:08:0x',
    '2024-05-06 0x:08:09',
    '2024-05-06 07:x8:09',
    '2024-0x-06 07:08:09',
    '2x24-05-06 07:08:09',
    '2024/05/06 07:08:09',
  ])('%s reads as the Date round trip does', (value) => {
    expect(fromNaiveUtc(value)).toBe(viaDate(value));
  });

  it('agrees with the Date round trip on every day of four years, at assorted times', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    for (const year of [1999, 2000, 2023, 2024]) {
      for (let month = 1; month <= 12; month += 1) {
        for (let day = 1; day <= 31; day += 1) {
          const value = `${year}-${pad(month)}-${pad(day)} ${pad((day * 7) % 24)}:${pad((day * 13) % 60)}:${pad((month * 11) % 60)}`;
          expect(fromNaiveUtc(value)).toBe(viaDate(value));
        }
      }
    }
  });
});
