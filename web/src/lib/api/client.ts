// The one typed API client (openapi-fetch over the schema generated from the API's OpenAPI document). The session
// travels in its HttpOnly cookie; every call carries the header the API requires of cookie-borne writes (its
// anti-CSRF rule). A 401 from a signed-in call means the session ended: the shell shows sign-in where it is.
import createClient, { type Middleware } from 'openapi-fetch';
import { sessionEnded } from '../session';
import { ApiError, type Problem } from './problem';
import type { paths } from './schema';

/** The header the API requires on writes that a session cookie authenticates. */
export const requestHeader = 'X-Reasonable-Request';

const session: Middleware = {
  onRequest({ request }) {
    request.headers.set(requestHeader, '1');
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && path !== '/api/me' && !path.startsWith('/api/auth/')) sessionEnded();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The data of a successful call, or an ApiError carrying the problem the API answered. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, {});
  }
  if (!result.response.ok) {
    const problem = typeof result.error === 'object' && result.error !== null ? (result.error as Problem) : {};
    throw new ApiError(result.response.status, problem);
  }
  return result.data as T;
}
