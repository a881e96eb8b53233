import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError, NetworkError } from '../../../main/resources/META-INF/resources/web/api.js';
import { createKeyKeeper, outcomeUnknown, randomKey } from '../../../main/resources/META-INF/resources/web/keys.js';

function counter() {
    let n = 0;
    return () => `key-${++n}`;
}

test('a random key is a version-4 UUID, different each time', () => {
    const a = randomKey();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(randomKey(), a);
});

test('each new action gets a fresh key', () => {
    const keys = createKeyKeeper(counter());
    assert.equal(keys.keyFor('{"amount":100}'), 'key-1');
    keys.done();
    assert.equal(keys.keyFor('{"amount":100}'), 'key-2', 'the same body after a success is a new top-up');
});

test('a retry after no answer reuses the key, so the service runs the action at most once', () => {
    const keys = createKeyKeeper(counter());
    const first = keys.keyFor('{"amount":100}');
    keys.done(new NetworkError(new TypeError('Failed to fetch')));
    assert.equal(keys.keyFor('{"amount":100}'), first);
    keys.done(new ApiError(503, { code: 'TRANSACTION_ABORTED' }));
    assert.equal(keys.keyFor('{"amount":100}'), first);
    keys.done(new ApiError(409, { code: 'IDEMPOTENCY_KEY_IN_FLIGHT' }));
    assert.equal(keys.keyFor('{"amount":100}'), first);
});

test('a changed action after no answer gets a new key', () => {
    const keys = createKeyKeeper(counter());
    keys.keyFor('{"amount":100}');
    keys.done(new NetworkError());
    assert.equal(keys.keyFor('{"amount":200}'), 'key-2');
});

test('a refusal is final: the next attempt is a new action', () => {
    // The service replays a refusal for its key: retrying INSUFFICIENT_FUNDS after a top-up needs a new key.
    const keys = createKeyKeeper(counter());
    keys.keyFor('{"amount":100}');
    keys.done(new ApiError(400, { code: 'INSUFFICIENT_FUNDS' }));
    assert.equal(keys.keyFor('{"amount":100}'), 'key-2');
});

test('only missing answers, server errors and a key still running leave the outcome unknown', () => {
    assert.equal(outcomeUnknown(new NetworkError()), true);
    assert.equal(outcomeUnknown(new ApiError(500, null)), true);
    assert.equal(outcomeUnknown(new ApiError(409, { code: 'IDEMPOTENCY_KEY_IN_FLIGHT' })), true);
    assert.equal(outcomeUnknown(new ApiError(400, { code: 'INSUFFICIENT_FUNDS' })), false);
    assert.equal(outcomeUnknown(new ApiError(401, { code: 'TOKEN_REVOKED' })), false);
    assert.equal(outcomeUnknown(new ApiError(422, { code: 'IDEMPOTENCY_KEY_REUSED' })), false);
    assert.equal(outcomeUnknown(new Error('bug')), false);
});
