// Takes the README's picture of the wallet page, docs/web.png, with a made-up person and a few movements.
// Run by hand against a running service on a fresh database (not part of the test run):
//   BASE_URL=http://localhost:8080 node screenshot.js
// Needs a service whose registration limit lets one more person in; writes ../../../docs/web.png.

import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://localhost:8080';
const out = new URL('../../../docs/web.png', import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
try {
    const page = await browser.newPage({ baseURL: base, viewport: { width: 1000, height: 860 } });
    const stamp = String(Date.now()).slice(-9);
    await page.goto('/');
    await page.getByLabel('Name').fill('Sari');
    await page.locator('#signup-form').getByLabel('Email').fill(`sari.${stamp}@example.com`);
    await page.getByLabel('Mobile number').fill(`6281${stamp}`);
    await page.locator('#signup-form').getByLabel('Password').fill('Kopi-Susu-42-web');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('#wallet-view').waitFor();
    const money = async (form, amount, choose) => {
        const f = page.locator(`#${form}-form`);
        await choose?.(f);
        await f.getByLabel('Amount').fill(amount);
        const done = page.waitForResponse((r) => r.url().endsWith('/api/balance'));
        await f.locator('button[type="submit"]').click();
        await done;
    };
    await money('topup', '1,500');
    await money('bank', '250', (f) => f.getByLabel('Bank').selectOption('bni'));
    await money('topup', '75.25');
    await page.locator('#wallet-form').getByLabel('Account number').fill('1234');
    await page.locator('#wallet-form').getByLabel('Amount').fill('2000');
    await page.locator('#wallet-form button[type="submit"]').click();
    await page.locator('#wallet-account-error').waitFor();
    await page.mouse.click(990, 5); // no focus ring in the picture
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
} finally {
    await browser.close();
}
