// An image pasted or dropped into the body goes through the media library's route
// (app/api/uploads/route.ts), with the same limits and the same Arabic refusals. XMLHttpRequest
// rather than fetch: it reports upload progress.
import { MAX_UPLOAD_BYTES, UPLOAD_MESSAGES, type MediaItem } from '@/lib/shared/media-urls';

export const UPLOAD_NETWORK_ERROR = 'تعذّر رفع الصورة: لا اتصال بالخادم. أعد المحاولة.';
const ACCEPTED = /^image\/(jpeg|png|webp|avif)$/;

// Refused here already when the browser can tell (type, size); the server checks again anyway.
export function refuseBeforeUpload(file: File): string | null {
  if (file.type === 'image/svg+xml') return UPLOAD_MESSAGES.svg;
  if (!ACCEPTED.test(file.type)) return UPLOAD_MESSAGES.unsupported;
  if (file.size === 0) return UPLOAD_MESSAGES.empty;
  if (file.size > MAX_UPLOAD_BYTES) return UPLOAD_MESSAGES.too_large;
  return null;
}

export function uploadImage(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ ok: true; media: MediaItem } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/uploads');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const answer = request.response as { ok: boolean; media?: MediaItem; message?: string } | null;
      if (answer?.ok && answer.media) resolve({ ok: true, media: answer.media });
      else resolve({ ok: false, message: answer?.message ?? UPLOAD_MESSAGES.corrupt });
    };
    request.onerror = () => resolve({ ok: false, message: UPLOAD_NETWORK_ERROR });
    const form = new FormData();
    form.set('file', file);
    request.send(form);
  });
}
