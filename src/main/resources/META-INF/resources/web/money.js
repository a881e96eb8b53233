// Amounts: people type and read major units with two decimals ("1,234.50"); the API takes and gives integers in
// minor units (123450). Parsed from the text itself, never through floating point (0.29 * 100 is not 29).

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
// 13 digits of major units keep every amount a safe integer of minor units.
const MAX_MAJOR_DIGITS = 13;

export class AmountError extends Error {}

/** "1,234.5" -> 123450. Throws AmountError with a message fit to show next to the field. */
export function parseAmount(text) {
    const trimmed = String(text ?? '').trim();
    if (trimmed === '') {
        throw new AmountError('enter an amount');
    }
    const match = AMOUNT.exec(trimmed);
    if (!match) {
        throw new AmountError('enter an amount such as 25 or 1,250.50 (at most two decimals)');
    }
    const whole = match[1].replaceAll(',', '').replace(/^0+(?=\d)/, '');
    if (whole.length > MAX_MAJOR_DIGITS) {
        throw new AmountError('amount too large');
    }
    const minor = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    if (minor === 0) {
        throw new AmountError('the amount must be more than 0.00');
    }
    return minor;
}

/** 123450 -> "1,234.50"; -5 -> "-0.05". */
export function formatAmount(minor) {
    if (!Number.isSafeInteger(minor)) {
        throw new TypeError(`not an amount in minor units: ${minor}`);
    }
    const sign = minor < 0 ? '-' : '';
    const digits = String(Math.abs(minor)).padStart(3, '0');
    const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',');
    return `${sign}${whole}.${digits.slice(-2)}`;
}
