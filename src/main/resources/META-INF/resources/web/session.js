// What both pages share: the API helper, the notice line, and the logged-in / logged-out switch.

import { createApi, readCookie } from './api.js';

const notice = document.getElementById('notice');

export function say(message) {
    notice.textContent = message;
}

/** Whether the browser holds any part of a session (the CSRF cookies are the script-readable half). */
export function mayBeLoggedIn() {
    return readCookie(document.cookie, 'csrf_access_token') !== null
        || readCookie(document.cookie, 'csrf_refresh_token') !== null;
}

/** The API helper; onSessionEnd runs once a request still gets 401 after the refresh. */
export function connect(onSessionEnd) {
    return createApi({ onSessionEnd });
}

/** Ends the session on the service (cookies cleared by its answer); errors are shown, not thrown. */
export async function logOut(api) {
    try {
        await api.post('/token/remove');
        return true;
    } catch (error) {
        say(`Could not log out: ${error.message}`);
        return false;
    }
}
