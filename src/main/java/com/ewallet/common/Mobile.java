package com.ewallet.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mobile numbers in one form everywhere: digits only, with the country code, no leading '+' (E.164 without the plus, 8
 * to 15 digits). A national number starting with 0 gets the default country code.
 */
public final class Mobile {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{7,14}");

    private Mobile() {
    }

    public static Optional<String> normalise(String raw, String defaultCountryCode) {
        if (raw == null || raw.length() > 32) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (s.startsWith("+")) {
            s = s.substring(1);
        } else if (s.startsWith("00")) {
            s = s.substring(2);
        } else if (s.startsWith("0")) {
            s = defaultCountryCode + s.substring(1);
        }
        return DIGITS.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }
}
