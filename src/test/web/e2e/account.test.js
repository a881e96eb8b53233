// Sign up, log in (keyboard only), a refused login, the phone-sized layout, and logging out.

import assert from 'node:assert/strict';

import { assertText, fromPage, logIn, person, scenario, signUp } from './support.js';

scenario('sign up shows a new wallet, and the same person logs in again with the keyboard only', async ({ page }) => {
    const sari = await signUp(page, person('Sari'));
    await assertText(page.locator('#notice'), 'Welcome, Sari: your wallet is ready.');
    await assertText(page.locator('#balance'), '0.00');
    await assertText(page.locator('#account-number'), /^\d{10}$/);
    const account = (await page.locator('#account-number').textContent()).trim();
    assert.equal((await page.context().cookies()).length, 4, 'the four cookies of the cookie API');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#login-form').waitFor();

    // The form password managers and tests look for, driven from the keyboard: the email field has the focus.
    await page.goto('/');
    await assertFocus(page, 'login-email');
    assert.equal(await page.locator('#login-form input[type="email"]').count(), 1);
    assert.equal(await page.locator('#login-form input[type="password"]').count(), 1);
    await page.keyboard.type(sari.email);
    await page.keyboard.press('Tab');
    await assertFocus(page, 'login-password');
    await page.keyboard.type(sari.password);
    await page.keyboard.press('Enter');
    await page.locator('#wallet-view').waitFor();
    await assertText(page.locator('#account-number'), account);
    await assertText(page.locator('#balance'), '0.00');
});

scenario('a wrong password is refused with the API message and no session', async ({ page }) => {
    const ana = await signUp(page, person('Ana'));
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#login-form input[type="email"]').fill(ana.email);
    await page.locator('#login-form input[type="password"]').fill('not-her-password');
    await page.locator('#login-form button[type="submit"]').click();
    await assertText(page.locator('#login-form .form-error'), 'login failed.');
    assert.equal(await page.locator('#wallet-view').isVisible(), false);
    assert.equal((await fromPage(page, 'GET', '/api/balance')).status, 401);
});

scenario('sign-up errors from the API are shown next to the fields they concern', async ({ page }) => {
    const taken = await signUp(page, person('Budi'));
    await page.getByRole('button', { name: 'Log out' }).click();
    const form = page.locator('#signup-form');
    const other = person('Budi');
    await form.getByLabel('Name').fill('Budi Two');
    await form.getByLabel('Email').fill(other.email);
    await form.getByLabel('Mobile number').fill(other.mobile);
    await form.getByLabel('Password').fill('password1');
    await form.getByRole('button', { name: 'Sign up' }).click();
    // The API's rule for a weak password appears under the password field, which gets the focus.
    await assertText(page.locator('#signup-password-error'), /\w+/);
    assert.equal(await form.getByLabel('Password').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'signup-password');
    assert.equal(await page.locator('#signup-email-error').textContent(), '');

    await form.getByLabel('Email').fill(taken.email);
    await form.getByLabel('Password').fill('Another-Strong-Pass-77');
    await form.getByRole('button', { name: 'Sign up' }).click();
    await assertText(page.locator('#signup-email-error'), 'email is already registered.');
    assert.equal(await form.getByLabel('Email').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#signup-password-error').textContent(), '');
});

scenario('logging out ends the session: the page is logged out and the API refuses the old tokens',
    async ({ page, context }) => {
        await signUp(page, person('Dewi'));
        const before = await context.cookies();
        const refresh = before.find((c) => c.name === 'refresh_token_cookie');
        const csrfRefresh = before.find((c) => c.name === 'csrf_refresh_token');
        assert.ok(refresh && csrfRefresh);

        await page.getByRole('button', { name: 'Log out' }).click();
        await assertText(page.locator('#notice'), 'You are logged out.');
        assert.equal(await page.locator('#login-form').isVisible(), true);
        assert.equal(await page.locator('#wallet-view').isVisible(), false);
        assert.deepEqual(await context.cookies(), [], 'the service cleared every cookie');

        const next = await fromPage(page, 'GET', '/api/balance');
        assert.equal(next.status, 401, 'the next API call from the page');

        // Not only the cookies are gone: the session itself ended, so its refresh token (valid for 30 days) is refused.
        await context.addCookies([refresh, csrfRefresh]);
        const refreshed = await fromPage(page, 'POST', '/token/refresh');
        assert.equal(refreshed.status, 401, refreshed.text);
        await page.reload();
        await page.locator('#login-form').waitFor();
        assert.equal(await page.locator('#wallet-view').isVisible(), false);
    });

scenario('on a phone-sized screen the wallet fits the width and every control is reachable', async ({ page }) => {
    await page.goto('/');
    await assertNoSideways(page);
    await signUp(page, person('Putri'));
    await assertNoSideways(page);
    for (const control of ['#topup-amount', '#bank-code', '#wallet-account', '#logout']) {
        const box = await page.locator(control).boundingBox();
        const inside = box && box.x >= 0 && box.x + box.width <= 390;
        assert.ok(inside, `${control} within the screen: ${JSON.stringify(box)}`);
    }
}, { viewport: { width: 390, height: 844 } });

async function assertFocus(page, id) {
    assert.equal(await page.evaluate(() => document.activeElement?.id), id);
}

async function assertNoSideways(page) {
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `no horizontal scrolling: ${scroll} > ${client}`);
}
