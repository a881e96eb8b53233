// The admin page: the first admin is made as an operator makes it (the bootstrap secret), then creates an app, copies
// its key (shown once), sees it listed, and revokes it; the key then stops working.

import assert from 'node:assert/strict';

import { assertText, fromPage, logIn, person, scenario, signUp } from './support.js';

const SECRET = process.env.ADMIN_BOOTSTRAP_SECRET;

scenario('the admin creates an app, copies its key, and revokes it', async ({ page, context }) => {
    assert.ok(SECRET, 'ADMIN_BOOTSTRAP_SECRET is set by WebAppIT');
    const admin = await signUp(page, person('Admin'));
    const bootstrap = await fromPage(page, 'POST', '/api/admin/bootstrap', { body: { secret: SECRET } });
    assert.equal(bootstrap.status, 200, bootstrap.text);
    await logIn(page, admin); // the bootstrap ended the session: log in again, now as an admin

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/admin.html');
    await page.locator('#admin-view').waitFor();
    await page.getByLabel('New app\'s name').fill('Warung <Kopi> & "Co"');
    await page.getByRole('button', { name: 'Create app' }).click();

    const shown = page.locator('#created');
    await shown.waitFor();
    await assertText(page.locator('#created-name'), 'Warung <Kopi> & "Co"');
    const key = await page.getByLabel('App key').inputValue();
    const secret = await page.getByLabel('App secret').inputValue();
    assert.match(key, /^ak_[A-Za-z0-9_-]+$/);
    assert.ok(secret.length >= 16, 'a secret is shown too');

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await assertText(page.locator('#notice'), 'Copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);

    const row = page.locator('#apps tbody tr', { hasText: 'Warung <Kopi> & "Co"' });
    await assertText(row.locator('td').nth(3), 'active');
    assert.equal((await fromPage(page, 'GET', '/v1/queries/banks', { headers: { 'X-App-Key': key } })).status, 200,
        'the new key works');

    // Shown once: after a reload the list has the app but neither its key nor its secret.
    await page.reload();
    await row.waitFor();
    assert.equal(await page.locator('#created').isVisible(), false);
    assert.equal((await page.locator('body').textContent()).includes(key), false);

    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await assertText(row.locator('td').nth(3), /^revoked \d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(await row.getByRole('button').count(), 0, 'nothing left to revoke');
    await assertText(page.locator('#notice'), 'Revoked Warung <Kopi> & "Co".');
    const refused = await fromPage(page, 'GET', '/v1/queries/banks', { headers: { 'X-App-Key': key } });
    assert.equal(refused.status, 401, 'the revoked key is refused');
});

scenario('a user who is not an admin is told so and sees no app', async ({ page }) => {
    await signUp(page, person('Umar'));
    await page.goto('/admin.html');
    await assertText(page.locator('#notice'), 'This account is not an admin: only admins manage apps.');
    assert.equal(await page.locator('#admin-view').isVisible(), false);
});
