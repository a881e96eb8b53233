// The request helper of the pages: JSON in and out, the CSRF double submit the cookie API wants, and one refresh of
// the session when the access token has run out, after which the request is sent again unchanged (the same
// Idempotency-Key included).

export const REFRESH_PATH = '/token/refresh';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An answer that is not 2xx: the API's status, stable code, message and per-field messages. */
export class ApiError extends Error {
    constructor(status, body, retryAfter) {
        super(body?.msg ?? body?.message ?? `the service answered ${status}`);
        this.name = 'ApiError';
        this.status = status;
        this.code = body?.code ?? null;
        this.fields = body?.errors && typeof body.errors === 'object' ? body.errors : {};
        this.retryAfter = retryAfter;
    }
}

/** No answer at all (offline, connection reset): whether the server acted is unknown. */
export class NetworkError extends Error {
    constructor(cause) {
        super('no answer from the service: check the connection and try again');
        this.name = 'NetworkError';
        this.cause = cause;
    }
}

/** The value of one cookie in a document.cookie string, or null. */
export function readCookie(cookieString, name) {
    for (const part of String(cookieString ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name) {
            return decodeURIComponent(part.slice(eq + 1).trim());
        }
    }
    return null;
}

/**
 * fetch and cookies are parameters so that tests can run the helper without a browser; onSessionEnd is told when a
 * request still gets 401 after the one refresh (the session is over: log in again).
 */
export function createApi({ fetch = (...args) => globalThis.fetch(...args), cookies = () => document.cookie,
    onSessionEnd = () => {} } = {}) {
    let refreshing = null;

    async function send(method, path, body, headers) {
        const sent = { Accept: 'application/json', ...headers };
        if (body !== undefined) {
            sent['Content-Type'] = 'application/json';
        }
        if (!SAFE_METHODS.has(method)) {
            const name = path === REFRESH_PATH ? 'csrf_refresh_token' : 'csrf_access_token';
            const csrf = readCookie(cookies(), name);
            if (csrf) {
                sent['X-CSRF-TOKEN'] = csrf;
            }
        }
        let response;
        try {
            response = await fetch(path, { method, headers: sent, credentials: 'same-origin', cache: 'no-store',
                body: body === undefined ? undefined : JSON.stringify(body) });
        } catch (e) {
            throw new NetworkError(e);
        }
        let data = null;
        if ((response.headers.get('Content-Type') ?? '').includes('json')) {
            data = await response.json().catch(() => null);
        }
        return { response, data };
    }

    // One refresh at a time: requests that fail together wait for the same one.
    function refresh() {
        refreshing ??= send('POST', REFRESH_PATH).then(({ response }) => response.ok, () => false)
            .finally(() => { refreshing = null; });
        return refreshing;
    }

    // The access cookie lives exactly as long as its token, so an expired token usually shows as a missing cookie.
    function expired(data) {
        return data?.code === 'TOKEN_EXPIRED'
            || (data?.code === 'TOKEN_MISSING' && readCookie(cookies(), 'csrf_refresh_token') !== null);
    }

    async function request(method, path, { body, headers = {} } = {}) {
        let { response, data } = await send(method, path, body, headers);
        if (response.status === 401 && path.startsWith('/api/') && expired(data) && await refresh()) {
            ({ response, data } = await send(method, path, body, headers));
        }
        if (!response.ok) {
            if (response.status === 401 && path.startsWith('/api/')) {
                onSessionEnd();
            }
            throw new ApiError(response.status, data, response.headers.get('Retry-After'));
        }
        return { data, status: response.status, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
    }

    return {
        request,
        get: (path) => request('GET', path).then((r) => r.data),
        post: (path, body, headers) => request('POST', path, { body, headers }).then((r) => r.data),
        delete: (path) => request('DELETE', path).then((r) => r.data),
    };
}
