// Top-up, bank and wallet transfers as a user sees them: balance, history, errors next to the amount, a retry that
// must not charge twice, an expired access token refreshed without the user noticing.

import assert from 'node:assert/strict';

import { assertText, fromPage, historyRows, logIn, person, scenario, signUp, submitMoney } from './support.js';

const ACCESS_TTL_MS = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 5) * 1000;

scenario('top-up, bank transfer and wallet transfer update the balance and the history',
    async ({ page, otherPerson }) => {
        const payeePage = await otherPerson();
        await signUp(payeePage, person('Rina'));
        const rinaAccount = (await payeePage.locator('#account-number').textContent()).trim();

        await signUp(page, person('Joko'));
        await submitMoney(page, 'topup', { amount: '1,000' });
        await assertText(page.locator('#notice'), 'Topped up 1,000.00.');
        await assertText(page.locator('#balance'), '1,000.00');
        assert.equal(await page.locator('#topup-amount').inputValue(), '', 'the form is ready for the next action');
        assert.match((await historyRows(page))[0], /^Top-up \+1,000\.00 .* balance 1,000\.00 from web$/);

        await submitMoney(page, 'bank', { bank: 'bni', amount: '250.5' });
        await assertText(page.locator('#balance'), '749.50');
        await assertText(page.locator('#notice'), /^Sent 250\.50 to bank:bni/);
        let rows = await historyRows(page);
        assert.equal(rows.length, 2);
        assert.match(rows[0], /^Bank transfer −250\.50 .* balance 749\.50 bank:bni from web$/);

        await submitMoney(page, 'wallet', { account: rinaAccount, amount: '100.25' });
        await assertText(page.locator('#balance'), '649.25');
        rows = await historyRows(page);
        assert.equal(rows.length, 3);
        const toRina = `^Wallet transfer −100\\.25 .* balance 649\\.25 wallet:${rinaAccount} from web$`;
        assert.match(rows[0], new RegExp(toRina));
        assert.match(rows[2], /^Top-up \+1,000\.00/, 'newest first');

        await payeePage.reload();
        await assertText(payeePage.locator('#balance'), '100.25');
        const payeeRows = await historyRows(payeePage);
        assert.equal(payeeRows.length, 1);
        assert.match(payeeRows[0], /^Wallet transfer \+100\.25 .* balance 100\.25 wallet:\d{10}$/,
            'the payee sees the credit, without the payer\'s location');
    });

scenario('the history loads more pages with its cursor until there is no more', async ({ page }) => {
    await signUp(page, person('Eko'));
    // 23 top-ups of 1.00 ... 23.00, sent as the page sends them: 3 pages of 10.
    for (let i = 1; i <= 23; i++) {
        const answer = await fromPage(page, 'POST', '/api/topup', { body: { amount: i * 100 },
            headers: { location: 'web', 'ip-address': '0.0.0.0', 'Idempotency-Key': `history-${i}-${Date.now()}` } });
        assert.equal(answer.status, 200, answer.text);
    }
    await page.reload();
    await assertText(page.locator('#balance'), '276.00');
    const more = page.getByRole('button', { name: 'Load more' });
    assert.equal((await historyRows(page)).length, 10);
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#history > li').length === 20);
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#history > li').length === 23);
    assert.equal(await more.isVisible(), false, 'no button once the last page is shown');
    const amounts = (await historyRows(page)).map((row) => /\+([\d,.]+)/.exec(row)[1]);
    assert.deepEqual(amounts, Array.from({ length: 23 }, (_, i) => `${23 - i}.00`), 'each once, newest first');
});

scenario('insufficient funds are shown next to the amount and nothing moves', async ({ page }) => {
    await signUp(page, person('Lina'));
    await submitMoney(page, 'topup', { amount: '10' });
    await assertText(page.locator('#balance'), '10.00');

    await submitMoney(page, 'bank', { bank: 'bri', amount: '10.01' });
    const amount = page.locator('#bank-amount');
    await assertText(page.locator('#bank-amount-error'), 'exceeds the available balance');
    assert.equal(await amount.getAttribute('aria-invalid'), 'true');
    assert.match(await amount.getAttribute('aria-describedby'), /\bbank-amount-error\b/,
        'the message is the one tied to the amount field');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'bank-amount');
    assert.equal(await page.locator('#bank-form .form-error').textContent(), '');
    assert.equal(await amount.inputValue(), '10.01', 'what the user typed is kept');
    await assertText(page.locator('#balance'), '10.00');
    assert.equal((await historyRows(page)).length, 1);

    // A wrong amount is caught before sending; an unknown account comes back from the API next to its field.
    await submitMoney(page, 'wallet', { account: '0000000000', amount: '1.234' });
    await assertText(page.locator('#wallet-amount-error'), /at most two decimals/);
    await submitMoney(page, 'wallet', { account: '0000000000', amount: '1' });
    await assertText(page.locator('#wallet-account-error'), 'no wallet has this account number');
    assert.equal(await page.locator('#wallet-amount-error').textContent(), '');
});

scenario('a money action retried after its answer was lost is charged once', async ({ page }) => {
    await signUp(page, person('Tono'));
    await submitMoney(page, 'topup', { amount: '100' });
    await assertText(page.locator('#balance'), '100.00');

    const sent = [];
    page.on('request', (request) => {
        if (request.url().endsWith('/api/transfer')) {
            sent.push(request.headers()['idempotency-key']);
        }
    });
    // The first transfer reaches the service and is made, but its answer never reaches the page.
    let served = null;
    await page.route('**/api/transfer', async (route) => {
        served = await route.fetch();
        await route.abort('connectionreset');
    }, { times: 1 });
    await submitMoney(page, 'bank', { bank: 'mandiri', amount: '30' });
    await assertText(page.locator('#bank-form .form-error'), /no answer from the service/);
    assert.equal(served.status(), 200, 'the service did make the transfer');
    await assertText(page.locator('#balance'), '100.00'); // the page could not know

    // The user sends the same transfer again: the same Idempotency-Key, so the service replays its first answer.
    const replay = page.waitForResponse((r) => r.url().endsWith('/api/transfer'));
    await page.locator('#bank-form button[type="submit"]').click();
    const answer = await replay;
    assert.equal(answer.status(), 200);
    assert.equal(answer.headers()['idempotent-replayed'], 'true');
    await assertText(page.locator('#balance'), '70.00');
    const rows = await historyRows(page);
    assert.equal(rows.filter((r) => r.startsWith('Bank transfer')).length, 1, rows.join('\n'));
    assert.equal(sent.length, 2);
    assert.equal(sent[0], sent[1], 'the retry carried the first attempt\'s key');
    assert.match(sent[0], /^[0-9a-f-]{36}$/);

    // The next transfer is a new action with a new key, even with the same amount.
    await submitMoney(page, 'bank', { bank: 'mandiri', amount: '30' });
    await assertText(page.locator('#balance'), '40.00');
    assert.equal(sent.length, 3);
    assert.notEqual(sent[2], sent[0]);
});

scenario('an expired access token is refreshed without the user noticing', async ({ page }) => {
    const who = await signUp(page, person('Agus'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, who);
    const calls = [];
    page.on('response', async (response) => {
        const path = new URL(response.url()).pathname;
        if (path.startsWith('/api/') || path.startsWith('/token/')) {
            const body = await response.json().catch(() => null);
            calls.push({ path, status: response.status(), code: body?.code ?? null,
                key: response.request().headers()['idempotency-key'] ?? null });
        }
    });
    // Past the access token's lifetime (the packaged run's is short): the browser has dropped the access cookie.
    await page.waitForTimeout(ACCESS_TTL_MS + 1500);
    assert.equal((await page.context().cookies()).some((c) => c.name === 'access_token_cookie'), false);
    calls.length = 0; // what the page loaded after logging in is not part of this

    await submitMoney(page, 'topup', { amount: '5' });
    await assertText(page.locator('#notice'), 'Topped up 5.00.');
    await assertText(page.locator('#balance'), '5.00');
    assert.equal(await page.locator('#topup-form .form-error').textContent(), '');
    const topups = calls.filter((c) => c.path === '/api/topup');
    assert.deepEqual(calls.slice(0, 3).map((c) => `${c.path} ${c.status}`),
        ['/api/topup 401', '/token/refresh 200', '/api/topup 200'], JSON.stringify(calls));
    assert.ok(['TOKEN_EXPIRED', 'TOKEN_MISSING'].includes(calls[0].code), calls[0].code);
    assert.equal(topups[0].key, topups[1].key, 'the repeated request is the same action');
    assert.equal((await historyRows(page)).length, 1, 'one top-up');
});
