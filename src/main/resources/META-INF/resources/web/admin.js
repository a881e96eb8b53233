// The admin page: create apps (their key and secret shown once), list them, revoke them.

import { busy, clearErrors, showError } from './forms.js';
import { connect, logOut, mayBeLoggedIn, say } from './session.js';

const $ = (id) => document.getElementById(id);

const api = connect(() => showLoginNeeded());

function showLoginNeeded() {
    $('admin-view').hidden = true;
    $('logout').hidden = true;
    $('login-needed').hidden = false;
}

const when = (stamp) => (stamp ? String(stamp).replace('T', ' ').slice(0, 16) : '');

function appRow(app) {
    const row = document.createElement('tr');
    const cell = (text) => {
        const td = document.createElement('td');
        td.textContent = text;
        row.append(td);
        return td;
    };
    cell(String(app.id));
    cell(app.name);
    cell(when(app.createdAt));
    cell(app.revokedAt ? `revoked ${when(app.revokedAt)}` : 'active');
    const action = cell('');
    if (!app.revokedAt) {
        const revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.textContent = 'Revoke';
        revoke.setAttribute('aria-label', `Revoke ${app.name}`);
        revoke.addEventListener('click', () => revokeApp(app, revoke));
        action.append(revoke);
    }
    return row;
}

async function loadApps() {
    $('apps-error').textContent = '';
    const apps = await api.get('/api/admin/apps');
    $('apps').tBodies[0].replaceChildren(...apps.map(appRow));
}

async function revokeApp(app, button) {
    if (!window.confirm(`Revoke "${app.name}"? Its key stops working at once.`)) {
        return;
    }
    button.disabled = true;
    try {
        await api.delete(`/api/admin/apps/${encodeURIComponent(app.id)}`);
        say(`Revoked ${app.name}.`);
        await loadApps();
    } catch (error) {
        button.disabled = false;
        $('apps-error').textContent = error.message;
    }
}

function showCreated(app) {
    $('created-name').textContent = app.name;
    $('created-key').value = app.key ?? '';
    $('created-secret').value = app.secret ?? '';
    $('created').hidden = false;
    $('created-key').focus();
}

async function copy(id) {
    const field = $(id);
    try {
        await navigator.clipboard.writeText(field.value);
        say('Copied.');
    } catch {
        // No clipboard permission (or an insecure page): select it so that the user can copy it themselves.
        field.select();
        say('Press Ctrl+C (or ⌘C) to copy the selected text.');
    }
}

function wire() {
    const form = $('app-form');
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearErrors(form);
        busy(form, async () => {
            try {
                const app = await api.post('/api/admin/apps', { name: form.elements.namedItem('name').value });
                form.reset();
                showCreated(app);
                await loadApps();
            } catch (error) {
                showError(form, error);
            }
        });
    });
    for (const button of document.querySelectorAll('[data-copy]')) {
        button.addEventListener('click', () => copy(button.dataset.copy));
    }
    $('logout').addEventListener('click', async () => {
        if (await logOut(api)) {
            showLoginNeeded();
            say('You are logged out.');
        }
    });
}

async function start() {
    wire();
    if (!mayBeLoggedIn()) {
        showLoginNeeded();
        return;
    }
    try {
        await loadApps();
        $('admin-view').hidden = false;
        $('logout').hidden = false;
    } catch (error) {
        if (error.status === 403) {
            $('logout').hidden = false;
            say('This account is not an admin: only admins manage apps.');
        } else if (error.status !== 401) {
            say(error.message);
        }
    }
}

start();
