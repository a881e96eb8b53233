// Idempotency-Keys of one money form: a fresh key for each new action, the same key while the user retries an
// action whose outcome they never learnt, so that the service runs it at most once.

import { ApiError, NetworkError } from './api.js';

/** A random version-4 UUID; getRandomValues works on plain-HTTP pages too, where randomUUID does not exist. */
export function randomKey(random = (bytes) => globalThis.crypto.getRandomValues(bytes)) {
    const b = random(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Whether an error leaves the outcome unknown: no answer, a server error (503 while a transaction was retried), or
 * the same key still running. Any other answer is final, and the next submit is a new action with a new key.
 */
export function outcomeUnknown(error) {
    if (error instanceof NetworkError) {
        return true;
    }
    return error instanceof ApiError && (error.status >= 500 || error.code === 'IDEMPOTENCY_KEY_IN_FLIGHT');
}

export function createKeyKeeper(newKey = randomKey) {
    let pending = null;
    return {
        /** The key for this action (the request body, as text): the pending one if it is the same action. */
        keyFor(action) {
            if (pending === null || pending.action !== action) {
                pending = { action, key: newKey() };
            }
            return pending.key;
        },
        /** After a request: forget the key unless its outcome is unknown. */
        done(error) {
            if (!error || !outcomeUnknown(error)) {
                pending = null;
            }
        },
    };
}
