// What every end-to-end test shares: the service under test (BASE_URL, started by WebAppIT), one headless Chromium
// per test file, a fresh browser context (no cookies) per test, a screenshot under target/ when a test fails, and a
// failure when the page throws or the browser reports a Content-Security-Policy violation.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

export const BASE_URL = required('BASE_URL');
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? new URL('../../../../target/web-e2e', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'Kopi-Susu-42-web';

let browser;

before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

after(async () => {
    await browser?.close();
});

function required(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set: these tests run from WebAppIT (mvn verify), or set it by hand`);
    }
    return value;
}

const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * A test with its own browser context and page. On failure the page (or, for several pages, each of them) is saved as
 * target/web-e2e/<test name>[-n].png before the error is reported.
 */
export function scenario(name, body, { viewport = { width: 1280, height: 800 } } = {}) {
    test(name, async () => {
        const problems = [];
        const watch = (page) => {
            page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
            page.on('console', (message) => {
                if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) {
                    problems.push(`CSP violation: ${message.text()}`);
                }
            });
        };
        const contexts = [];
        const newContext = async () => {
            const context = await browser.newContext({ baseURL: BASE_URL, viewport });
            context.on('page', watch);
            contexts.push(context);
            return context;
        };
        const context = await newContext();
        const page = await context.newPage();
        // Another person, in a browser of their own (no shared cookies).
        const otherPerson = async () => (await newContext()).newPage();
        try {
            await body({ page, context, otherPerson });
            assert.deepEqual(problems, [], 'the pages ran without errors and without CSP violations');
        } catch (error) {
            mkdirSync(SCREENSHOTS, { recursive: true });
            const pages = contexts.flatMap((c) => c.pages());
            for (const [i, p] of pages.entries()) {
                const file = join(SCREENSHOTS, `${slug(name)}${pages.length > 1 ? `-${i + 1}` : ''}.png`);
                await p.screenshot({ path: file, fullPage: true }).catch(() => {});
                console.error(`screenshot of the failure: ${file}`);
            }
            throw error;
        } finally {
            await Promise.all(contexts.map((c) => c.close()));
        }
    });
}

let people = 0;

/** A new person's details (unique per run: the database is fresh for each WebAppIT run). */
export function person(name = 'Sari') {
    people += 1;
    const stamp = `${Date.now()}${people}`.slice(-9);
    return { name, email: `${name.toLowerCase()}.${stamp}@example.com`, mobile: `6281${stamp}`, password: PASSWORD };
}

/** Signs up through the form (which also logs in) and waits for the wallet. */
export async function signUp(page, who = person()) {
    await page.goto('/');
    await page.getByLabel('Name').fill(who.name);
    await page.locator('#signup-form').getByLabel('Email').fill(who.email);
    await page.getByLabel('Mobile number').fill(who.mobile);
    await page.locator('#signup-form').getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await settled(page, '#signup-form');
    await waitForAmount(page.locator('#balance'));
    return who;
}

/** Waits until the wallet shows or the form shows an error, and fails with that error. */
async function settled(page, form) {
    await page.waitForFunction((form) => !document.getElementById('wallet-view').hidden
        || [...document.querySelectorAll(`${form} .form-error, ${form} .field-error`)].some((e) => e.textContent),
    form);
    if (await page.locator('#wallet-view').isHidden()) {
        const errors = await page.locator(`${form} .form-error, ${form} .field-error`).allTextContents();
        assert.fail(`${form} was refused: ${errors.filter(Boolean).join('; ')}`);
    }
}

/** Logs in through the login form. */
export async function logIn(page, who) {
    await page.goto('/');
    const form = page.locator('#login-form');
    await form.locator('input[type="email"]').fill(who.email);
    await form.locator('input[type="password"]').fill(who.password);
    await form.locator('button[type="submit"]').click();
    await settled(page, '#login-form');
    await waitForAmount(page.locator('#balance'));
}

async function waitForAmount(locator) {
    await assertText(locator, /^-?[\d,]+\.\d\d$/);
}

/** Fills a money form by its id ("topup", "bank", "wallet") and submits it. */
export async function submitMoney(page, form, fields) {
    const f = page.locator(`#${form}-form`);
    if (fields.bank !== undefined) {
        await f.getByLabel('Bank').selectOption(fields.bank);
    }
    if (fields.account !== undefined) {
        await f.getByLabel('Account number').fill(fields.account);
    }
    await f.getByLabel('Amount').fill(fields.amount);
    await f.locator('button[type="submit"]').click();
}

/** Waits (up to 10 s) until the locator's text matches, then asserts it. */
export async function assertText(locator, expected, timeout = 10_000) {
    const matches = (text) => (expected instanceof RegExp ? expected.test(text) : text === expected);
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
        text = (await locator.textContent({ timeout: 1000 }).catch(() => null)) ?? '';
        if (matches(text.trim())) {
            return;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${locator}: expected ${expected}, saw "${text.trim()}"`);
}

/** The text of each history row, newest first, once the history is not loading (aria-busy). */
export async function historyRows(page) {
    await page.locator('#history:not([aria-busy])').waitFor({ state: 'attached' });
    return page.locator('#history > li').evaluateAll((rows) => rows.map((row) => [...row.children]
        .map((part) => part.textContent).join(' ')));
}

/**
 * A request from inside the page through the page's own request helper (web/api.js: cookies, the CSRF header, one
 * refresh when the short-lived access token has expired), for what the page offers no button for and to see what the
 * API answers the page. Resolves to {status, body, text}, also for error answers.
 */
export function fromPage(page, method, path, { body, headers = {} } = {}) {
    return page.evaluate(async ({ method, path, body, headers }) => {
        const { createApi, ApiError } = await import('/web/api.js');
        try {
            const answer = await createApi().request(method, path, { body, headers });
            return { status: answer.status, body: answer.data, text: JSON.stringify(answer.data) };
        } catch (error) {
            if (!(error instanceof ApiError)) {
                throw error;
            }
            return { status: error.status, body: { code: error.code, msg: error.message },
                text: `${error.status} ${error.code} ${error.message}` };
        }
    }, { method, path, body, headers });
}
