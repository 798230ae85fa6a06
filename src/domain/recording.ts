import { RecordingFormat } from './model';

export function recordingFormatFromUrl(url: string): RecordingFormat {
  let path: string;
  try {
    path = new URL(url).pathname.toLowerCase();
  } catch {
    path = url.toLowerCase().split('?')[0];
  }
  if (path.endsWith('.m3u8')) return RecordingFormat.HLS;
  if (path.endsWith('.mp4') || path.endsWith('.m4v')) return RecordingFormat.MP4;
  if (path.endsWith('.mp3')) return RecordingFormat.MP3;
  if (path.endsWith('.webm')) return RecordingFormat.WEBM;
  return RecordingFormat.UNKNOWN;
}

/** AWS SigV4 and Google (`*-Date` + `*-Expires`), CloudFront / legacy S3 / GCS (`Expires=<unix seconds>`). */
export function expiryFromSignedUrl(url: string): string | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  for (const prefix of ['X-Amz', 'X-Goog']) {
    const date = params.get(`${prefix}-Date`);
    const expires = params.get(`${prefix}-Expires`);
    if (date && expires && /^\d{8}T\d{6}Z$/.test(date) && /^\d+$/.test(expires)) {
      const start = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +date.slice(9, 11), +date.slice(11, 13), +date.slice(13, 15));
      return new Date(start + Number(expires) * 1000).toISOString();
    }
  }
  const expires = params.get('Expires');
  if (expires && /^\d{9,11}$/.test(expires)) return new Date(Number(expires) * 1000).toISOString();
  return null;
}
