// History fields are user-supplied text: markup in them must be shown as text, never run or rendered.

import assert from 'node:assert/strict';

import { assertText, fromPage, historyRows, person, scenario, signUp } from './support.js';

const MARKUP = '<img src=x onerror="window.__xss=1;document.title=\'pwned\'"><b>bold</b>';

scenario('a history entry whose location holds markup is shown as text', async ({ page }) => {
    await signUp(page, person('Wati'));
    // A top-up from another client that put markup in its location header (the API accepts any printable text).
    const answer = await fromPage(page, 'POST', '/api/topup', { body: { amount: 4200 },
        headers: { location: MARKUP, 'ip-address': '10.0.0.7', 'Idempotency-Key': `xss-${Date.now()}` } });
    assert.equal(answer.status, 200, answer.text);

    await page.reload();
    await assertText(page.locator('#balance'), '42.00');
    const where = page.locator('#history > li .where');
    await assertText(where, `from ${MARKUP}`);
    assert.equal(await page.locator('#history img, #history b').count(), 0, 'no element was made from the text');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no handler ran');
    assert.notEqual(await page.title(), 'pwned');
    assert.match((await historyRows(page))[0], /^Top-up \+42\.00 /);
});
