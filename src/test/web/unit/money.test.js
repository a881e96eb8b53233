import { test } from 'node:test';
import assert from 'node:assert/strict';

import { AmountError, formatAmount, parseAmount } from '../../../main/resources/META-INF/resources/web/money.js';

test('amounts typed in major units become whole minor units', () => {
    assert.equal(parseAmount('25'), 2500);
    assert.equal(parseAmount('25.5'), 2550);
    assert.equal(parseAmount('25.05'), 2505);
    assert.equal(parseAmount(' 1,234.56 '), 123456);
    assert.equal(parseAmount('0.01'), 1);
    assert.equal(parseAmount('007.10'), 710);
    assert.equal(parseAmount('1,000,000'), 100000000);
});

test('parsing never goes through floating point', () => {
    // 0.29 * 100 is 28.999999999999996 and 1.15 * 100 is 114.99999999999999 in floating point.
    assert.equal(parseAmount('0.29'), 29);
    assert.equal(parseAmount('1.15'), 115);
    assert.equal(parseAmount('9999999999999.99'), 999999999999999);
    assert.ok(Number.isSafeInteger(parseAmount('9999999999999.99')));
});

test('anything but a positive amount with at most two decimals is refused with a message', () => {
    for (const bad of ['', '   ', 'abc', '-5', '+5', '1.234', '1e3', '12,34', '1,2345', '.5', '5.', '1 000', '0x10',
        'Infinity', '10000000000000']) {
        assert.throws(() => parseAmount(bad), AmountError, `"${bad}"`);
    }
    assert.throws(() => parseAmount('0'), { message: /more than 0\.00/ });
    assert.throws(() => parseAmount('0.00'), { message: /more than 0\.00/ });
    assert.throws(() => parseAmount('1.234'), { message: /two decimals/ });
    assert.throws(() => parseAmount(''), { message: 'enter an amount' });
});

test('minor units are shown in major units with two decimals and grouped thousands', () => {
    assert.equal(formatAmount(0), '0.00');
    assert.equal(formatAmount(5), '0.05');
    assert.equal(formatAmount(50), '0.50');
    assert.equal(formatAmount(100), '1.00');
    assert.equal(formatAmount(123456), '1,234.56');
    assert.equal(formatAmount(100000000), '1,000,000.00');
    assert.equal(formatAmount(-2505), '-25.05');
});

test('formatting refuses what is not a whole number of minor units', () => {
    for (const bad of [1.5, NaN, Infinity, '100', null, undefined, 2 ** 53]) {
        assert.throws(() => formatAmount(bad), TypeError, String(bad));
    }
});

test('what is shown parses back to the same amount', () => {
    for (const minor of [1, 99, 100, 101, 123456, 987654321, 100000000000]) {
        assert.equal(parseAmount(formatAmount(minor)), minor);
    }
});
