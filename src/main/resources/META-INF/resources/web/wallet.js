// The wallet page: log in or sign up, then balance, money forms and history.

import { formatAmount, parseAmount, AmountError } from './money.js';
import { createKeyKeeper } from './keys.js';
import { busy, clearErrors, FieldProblem, showError, showFieldError } from './forms.js';
import { connect, logOut, mayBeLoggedIn, say } from './session.js';

const $ = (id) => document.getElementById(id);
const HISTORY_PAGE = 10;
// The cookie API wants the client's location and address on every money request. A page knows neither: it says
// where the request comes from, and "0.0.0.0" (unspecified); the service records the connection's address itself.
const CLIENT_HEADERS = { location: 'web', 'ip-address': '0.0.0.0' };
const ACTIVITIES = {
    TOPUP: 'Top-up',
    BANK_TRANSFER: 'Bank transfer',
    BANK_REFUND: 'Bank transfer returned',
    WALLET_TRANSFER: 'Wallet transfer',
    VTU: 'Airtime',
    VTU_REFUND: 'Airtime refunded',
};

const api = connect(() => showLoggedOut('Your session has ended: log in again.'));
let nextCursor = null;

function showLoggedOut(message) {
    $('wallet-view').hidden = true;
    $('logout').hidden = true;
    $('admin-link').hidden = true;
    $('auth-view').hidden = false;
    say(message ?? '');
    $('login-email').focus();
}

async function showLoggedIn() {
    $('auth-view').hidden = true;
    $('wallet-view').hidden = false;
    $('logout').hidden = false;
    $('admin-link').hidden = false;
    await Promise.all([loadAccount(), loadBanks(), loadHistory(true)]);
}

async function loadAccount() {
    const account = await api.get('/api/balance');
    $('balance').textContent = formatAmount(account.balance);
    $('account-number').textContent = account.accountNumber;
}

async function loadBanks() {
    const select = $('bank-code');
    if (select.options.length > 0) {
        return;
    }
    const banks = await api.get('/api/banks');
    select.replaceChildren(new Option('Choose a bank', ''),
        ...banks.map((bank) => new Option(`${bank.name} (${bank.code})`, bank.code)));
}

function historyRow(row) {
    const item = document.createElement('li');
    const line = (className, text) => {
        const span = document.createElement('span');
        span.className = className;
        span.textContent = text;
        item.append(span);
    };
    const debit = row.direction === 'DEBIT';
    item.className = debit ? 'debit' : 'credit';
    line('what', ACTIVITIES[row.activity] ?? row.activity);
    line('amount', `${debit ? '−' : '+'}${formatAmount(row.amount)}`);
    line('when', String(row.createdAt ?? '').replace('T', ' ').slice(0, 16));
    line('after', `balance ${formatAmount(row.balanceAfter)}`);
    if (row.counterparty) {
        line('who', row.counterparty);
    }
    if (row.location) {
        line('where', `from ${row.location}`);
    }
    return item;
}

async function loadHistory(fromStart) {
    const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
    if (!fromStart && nextCursor) {
        query.set('cursor', nextCursor);
    }
    $('history-error').textContent = '';
    $('history').setAttribute('aria-busy', 'true');
    try {
        const page = await api.get(`/api/transactions?${query}`);
        const rows = page.data.map(historyRow);
        if (fromStart) {
            $('history').replaceChildren(...rows);
        } else {
            $('history').append(...rows);
        }
        nextCursor = page.nextCursor ?? null;
        $('load-more').hidden = nextCursor === null;
        $('history-empty').hidden = $('history').children.length > 0;
    } catch (error) {
        $('history-error').textContent = error.message;
    } finally {
        $('history').removeAttribute('aria-busy');
    }
}

/** A money form: parse, send with the form's Idempotency-Key, then refresh what the user sees. */
function moneyForm(form, path, body, done) {
    const keys = createKeyKeeper();
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearErrors(form);
        let request;
        try {
            request = body(new FormData(form), parseAmount(form.elements.namedItem('amount').value));
        } catch (error) {
            const problem = error instanceof AmountError ? new FieldProblem('amount', error.message) : error;
            if (problem instanceof FieldProblem) {
                showFieldError(form, problem.field, problem.message);
                form.elements.namedItem(problem.field).focus();
                return;
            }
            throw error;
        }
        const key = keys.keyFor(JSON.stringify(request));
        busy(form, async () => {
            let result;
            try {
                result = await api.post(path, request, { ...CLIENT_HEADERS, 'Idempotency-Key': key });
            } catch (error) {
                keys.done(error);
                showError(form, error);
                return;
            }
            keys.done();
            form.reset();
            say(done(result));
            await Promise.all([loadAccount(), loadHistory(true)]).catch((error) => say(error.message));
        });
    });
}

function authForms() {
    const login = $('login-form');
    login.addEventListener('submit', (event) => {
        event.preventDefault();
        busy(login, async () => {
            try {
                await api.post('/token/auth', { email: login.email.value, password: login.password.value });
                clearErrors(login);
                login.reset();
                say('');
                await showLoggedIn();
            } catch (error) {
                showError(login, error);
            }
        });
    });
    const signup = $('signup-form');
    signup.addEventListener('submit', (event) => {
        event.preventDefault();
        const person = Object.fromEntries(new FormData(signup));
        busy(signup, async () => {
            try {
                await api.post('/users', person);
                await api.post('/token/auth', { email: person.email, password: person.password });
                clearErrors(signup);
                signup.reset();
                say(`Welcome, ${person.name}: your wallet is ready.`);
                await showLoggedIn();
            } catch (error) {
                showError(signup, error);
            }
        });
    });
}

function required(data, field, message) {
    const value = String(data.get(field) ?? '').trim();
    if (value === '') {
        throw new FieldProblem(field, message);
    }
    return value;
}

function walletForms() {
    moneyForm($('topup-form'), '/api/topup', (data, amount) => ({ amount }),
        (r) => `Topped up ${formatAmount(r.amount)}.`);
    moneyForm($('bank-form'), '/api/transfer',
        (data, amount) => ({ amount, code: required(data, 'code', 'choose a bank') }),
        (r) => `Sent ${formatAmount(r.amount)} to ${r.counterparty ?? 'the bank'}: pending until the bank confirms.`);
    moneyForm($('wallet-form'), '/api/transfer',
        (data, amount) => ({ amount, account: required(data, 'account', 'enter the 10-digit account number') }),
        (r) => `Sent ${formatAmount(r.amount)} to ${r.counterparty ?? 'the wallet'}.`);
    $('load-more').addEventListener('click', () => loadHistory(false));
    $('logout').addEventListener('click', async () => {
        if (await logOut(api)) {
            showLoggedOut('You are logged out.');
        }
    });
}

authForms();
walletForms();
if (mayBeLoggedIn()) {
    showLoggedIn().catch((error) => {
        if (error.status !== 401) {
            say(error.message);
        }
    });
} else {
    showLoggedOut();
}
