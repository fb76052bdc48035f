// Uploads a file to the API as multipart/form-data in the browser's session (its cookie, with the anti-CSRF header),
// reporting how much has been sent. fetch cannot report upload progress, so this one call uses XMLHttpRequest; like
// the typed client, a 401 tells the shell the session ended.
import { sessionEnded } from '../session';
import { requestHeader } from './client';
import { ApiError, type Problem } from './problem';
import type { components } from './schema';

export type ImportResult = components['schemas']['ImportResponse'];

/** The largest file the API imports (its 413 says the same); checked before uploading. */
export const maxImportBytes = 32 * 1024 * 1024;

/** POST /api/imports with the file in the field `file`; `onProgress` gets the fraction sent so far (0 to 1). */
export function uploadImport(file: Blob, preview: boolean, onProgress: (sent: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/imports${preview ? '?preview=true' : ''}`);
    request.setRequestHeader(requestHeader, '1');
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, {}));
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status >= 200 && request.status < 300) {
        resolve(body as ImportResult);
        return;
      }
      if (request.status === 401) sessionEnded();
      reject(new ApiError(request.status, typeof body === 'object' && body !== null ? (body as Problem) : {}));
    };
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
