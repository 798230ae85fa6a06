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
