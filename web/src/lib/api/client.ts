// The one typed API client (openapi-fetch over the schema generated from the API's OpenAPI document), with the
// session's bearer token. A 401 on a signed-in call means the session ended: forget the token, back to sign-in.
import createClient, { type Middleware } from 'openapi-fetch';
import { navigate } from '../router';
import { clearToken, readToken } from '../session-token';
import { ApiError, type Problem } from './problem';
import type { paths } from './schema';

const auth: Middleware = {
  onRequest({ request }) {
    const token = readToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) {
      clearToken();
      navigate('/?signedOut=expired', { replace: true, force: true });
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

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
