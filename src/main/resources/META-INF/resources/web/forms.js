// Showing answers in forms: each API field message next to its input (through the element its aria-describedby
// names), anything else in the form's own alert line. Text only: messages are set with textContent.

// Codes the API gives without a field, and the field they concern.
const CODE_FIELDS = {
    EMAIL_TAKEN: 'email',
    MOBILE_TAKEN: 'mobile',
    WEAK_PASSWORD: 'password',
};

/** A problem found before sending: which field, and what to tell the user. */
export class FieldProblem extends Error {
    constructor(field, message) {
        super(message);
        this.name = 'FieldProblem';
        this.field = field;
    }
}

// The field's error element: the one of its aria-describedby elements that has the class field-error.
function errorSlot(form, field) {
    const input = form.elements.namedItem(field);
    const ids = input?.getAttribute?.('aria-describedby')?.split(/\s+/) ?? [];
    const slot = ids.map((id) => form.ownerDocument.getElementById(id))
        .find((element) => element?.classList.contains('field-error'));
    return slot ? { input, slot } : null;
}

export function clearErrors(form) {
    for (const input of form.querySelectorAll('[aria-invalid]')) {
        input.removeAttribute('aria-invalid');
    }
    for (const slot of form.querySelectorAll('.field-error, .form-error')) {
        slot.textContent = '';
    }
}

/** Puts a message next to one field; false when the form has no such field. */
export function showFieldError(form, field, message) {
    const target = errorSlot(form, field);
    if (!target) {
        return false;
    }
    target.input.setAttribute('aria-invalid', 'true');
    target.slot.textContent = message;
    return true;
}

export function showFormError(form, message) {
    form.querySelector('.form-error').textContent = message;
}

/** An ApiError or NetworkError, shown where it belongs; the first field in error gets the focus. */
export function showError(form, error) {
    clearErrors(form);
    const fields = { ...(error.fields ?? {}) };
    const codeField = CODE_FIELDS[error.code];
    if (codeField && Object.keys(fields).length === 0) {
        fields[codeField] = error.message;
    }
    const elsewhere = [];
    let focused = false;
    for (const [field, message] of Object.entries(fields)) {
        if (showFieldError(form, field, message)) {
            if (!focused) {
                form.elements.namedItem(field).focus();
                focused = true;
            }
        } else {
            elsewhere.push(`${field} ${message}`);
        }
    }
    if (!focused || elsewhere.length > 0) {
        const detail = elsewhere.length > 0 ? `: ${elsewhere.join('; ')}` : '';
        const wait = error.retryAfter ? ` (try again in ${error.retryAfter} s)` : '';
        showFormError(form, `${error.message}${detail}${wait}`);
    }
}

/** Runs an async submit with the form's buttons disabled, so that one click sends one request. */
export async function busy(form, work) {
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
        return await work();
    } finally {
        buttons.forEach((b) => { b.disabled = false; });
        form.removeAttribute('aria-busy');
    }
}
