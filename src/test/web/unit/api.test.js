import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError, createApi, NetworkError, readCookie } from '../../../main/resources/META-INF/resources/web/api.js';

const json = (status, body, headers = {}) => new Response(JSON.stringify(body),
    { status, headers: { 'Content-Type': 'application/json', ...headers } });

/**
 * A fake service: answers come from the handler, every request is recorded, and the cookie jar is what the page's
 * document.cookie would show.
 */
function fakeService(handler, jar = { csrf_access_token: 'ca1', csrf_refresh_token: 'cr1' }) {
    const calls = [];
    const fetch = async (path, init) => {
        const call = { path, method: init.method, headers: init.headers, body: init.body, init };
        calls.push(call);
        return handler(call, jar);
    };
    const cookies = () => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    return { calls, fetch, cookies, jar };
}

test('readCookie finds one cookie among several', () => {
    assert.equal(readCookie('a=1; csrf_access_token=x.y.z; b=2', 'csrf_access_token'), 'x.y.z');
    assert.equal(readCookie('xcsrf_access_token=no', 'csrf_access_token'), null);
    assert.equal(readCookie('', 'a'), null);
    assert.equal(readCookie('a=b%20c', 'a'), 'b c');
});

test('a GET sends no CSRF header and returns the JSON body', async () => {
    const s = fakeService(() => json(200, { balance: 100 }));
    const api = createApi(s);
    assert.deepEqual(await api.get('/api/balance'), { balance: 100 });
    assert.equal(s.calls[0].method, 'GET');
    assert.equal(s.calls[0].headers['X-CSRF-TOKEN'], undefined);
    assert.equal(s.calls[0].init.credentials, 'same-origin');
});

test('a POST echoes csrf_access_token in X-CSRF-TOKEN and sends JSON with the given headers', async () => {
    const s = fakeService(() => json(200, { msg: 'transaction success.' }));
    const api = createApi(s);
    await api.post('/api/topup', { amount: 2500 }, { 'Idempotency-Key': 'k1' });
    const call = s.calls[0];
    assert.equal(call.headers['X-CSRF-TOKEN'], 'ca1');
    assert.equal(call.headers['Idempotency-Key'], 'k1');
    assert.equal(call.headers['Content-Type'], 'application/json');
    assert.equal(call.body, '{"amount":2500}');
});

test('an expired access token is refreshed once with csrf_refresh_token and the request repeated unchanged',
    async () => {
        let expired = true;
        const s = fakeService((call, jar) => {
            if (call.path === '/token/refresh') {
                expired = false;
                jar.csrf_access_token = 'ca2';
                return json(200, { msg: 'token refreshed.' });
            }
            return expired ? json(401, { msg: 'Token has expired', code: 'TOKEN_EXPIRED' })
                : json(200, { msg: 'transaction success.' }, { 'Idempotent-Replayed': 'false' });
        });
        const api = createApi(s);
        const answer = await api.request('POST', '/api/transfer',
            { body: { amount: 1, code: 'bni' }, headers: { 'Idempotency-Key': 'k7' } });
        assert.equal(answer.data.msg, 'transaction success.');
        assert.deepEqual(s.calls.map((c) => c.path), ['/api/transfer', '/token/refresh', '/api/transfer']);
        assert.equal(s.calls[1].method, 'POST');
        assert.equal(s.calls[1].headers['X-CSRF-TOKEN'], 'cr1', 'refresh sends the refresh CSRF value');
        assert.equal(s.calls[2].headers['X-CSRF-TOKEN'], 'ca2', 'the repeat reads the new CSRF cookie');
        assert.equal(s.calls[2].headers['Idempotency-Key'], 'k7', 'the repeat keeps its Idempotency-Key');
        assert.equal(s.calls[2].body, s.calls[0].body);
    });

test('an access cookie gone with its token (TOKEN_MISSING) is refreshed too while a refresh cookie exists',
    async () => {
        let refreshed = false;
        const s = fakeService((call) => {
            if (call.path === '/token/refresh') {
                refreshed = true;
                return json(200, {});
            }
            return refreshed ? json(200, { balance: 1 }) : json(401, { code: 'TOKEN_MISSING' });
        });
        assert.deepEqual(await createApi(s).get('/api/balance'), { balance: 1 });
        assert.equal(s.calls.length, 3);
    });

test('requests failing together share one refresh', async () => {
    let refreshes = 0;
    const s = fakeService(async (call) => {
        if (call.path === '/token/refresh') {
            refreshes++;
            await new Promise((r) => setTimeout(r, 10));
            return json(200, {});
        }
        return refreshes === 0 ? json(401, { code: 'TOKEN_EXPIRED' }) : json(200, { ok: call.path });
    });
    const api = createApi(s);
    const answers = await Promise.all([api.get('/api/balance'), api.get('/api/transactions'), api.get('/api/banks')]);
    assert.equal(refreshes, 1);
    assert.deepEqual(answers.map((a) => a.ok), ['/api/balance', '/api/transactions', '/api/banks']);
});

test('a refresh that fails ends the session: one attempt, the 401 is thrown and onSessionEnd told', async () => {
    let ended = 0;
    const s = fakeService((call) => (call.path === '/token/refresh'
        ? json(401, { code: 'TOKEN_REUSED' }) : json(401, { msg: 'Token has expired', code: 'TOKEN_EXPIRED' })));
    const api = createApi({ ...s, onSessionEnd: () => ended++ });
    await assert.rejects(api.get('/api/balance'), (e) => e instanceof ApiError && e.code === 'TOKEN_EXPIRED');
    assert.deepEqual(s.calls.map((c) => c.path), ['/api/balance', '/token/refresh']);
    assert.equal(ended, 1);
});

test('other 401s are not refreshed', async () => {
    const s = fakeService(() => json(401, { code: 'TOKEN_REVOKED', msg: 'Token has been revoked' }));
    await assert.rejects(createApi(s).get('/api/balance'), { code: 'TOKEN_REVOKED' });
    assert.equal(s.calls.length, 1);
});

test('without a refresh cookie a missing access cookie is not refreshed', async () => {
    const s = fakeService(() => json(401, { code: 'TOKEN_MISSING' }), {});
    await assert.rejects(createApi(s).get('/api/balance'), { status: 401 });
    assert.equal(s.calls.length, 1);
});

test('a refusal carries status, code, message and field messages', async () => {
    const s = fakeService(() => json(400, { msg: 'transaction failed.', code: 'INSUFFICIENT_FUNDS',
        errors: { amount: 'exceeds the available balance' } }));
    await assert.rejects(createApi(s).post('/api/transfer', { amount: 5 }), (e) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.status, 400);
        assert.equal(e.code, 'INSUFFICIENT_FUNDS');
        assert.equal(e.message, 'transaction failed.');
        assert.deepEqual(e.fields, { amount: 'exceeds the available balance' });
        return true;
    });
});

test('Retry-After and a body that is not JSON are kept', async () => {
    const s = fakeService(() => new Response('busy', { status: 503, headers: { 'Retry-After': '2' } }));
    await assert.rejects(createApi(s).get('/api/balance'), (e) => e.status === 503 && e.retryAfter === '2'
        && e.code === null && /503/.test(e.message));
});

test('no answer at all is a NetworkError', async () => {
    const api = createApi({ fetch: async () => { throw new TypeError('Failed to fetch'); }, cookies: () => '' });
    await assert.rejects(api.post('/api/topup', { amount: 1 }), NetworkError);
});

test('a replayed answer is reported as such', async () => {
    const s = fakeService(() => json(200, { msg: 'transaction success.' }, { 'Idempotent-Replayed': 'true' }));
    const answer = await createApi(s).request('POST', '/api/topup', { body: { amount: 1 } });
    assert.equal(answer.replayed, true);
    assert.equal(answer.status, 200);
});
