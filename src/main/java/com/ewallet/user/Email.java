package com.ewallet.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one normaliser of email addresses: every email that enters the service (registration, login, the dev seed, the V9
 * migration) goes through here, and the {@code users.email} column compares bytes ({@code utf8mb4_bin}), so one mailbox
 * has exactly one identity. The rule is in docs/security.md, "Emails".
 */
public final class Email {

    /** What a refusal says about the field. */
    public static final String RULE = "must be an email address of ASCII letters, digits and . _ % + - ' characters,"
            + " with a domain name (internationalised domains in their xn-- form)";

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    // RFC 5322 dot-atom text without the rarely used symbols: no quoting, no comments, no address literals.
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9_%+'-]+(\\.[a-z0-9_%+'-]+)*");
    // Host names (RFC 1123 labels), at least two labels, the last one not all digits.
    private static final Pattern DOMAIN = Pattern
            .compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    private Email() {
    }

    /**
     * The form an email is stored and looked up in: Unicode NFKC (so full-width and other compatibility forms become
     * their plain letters), then trimmed of whitespace and invisible characters at both ends (U+00A0, U+200B and the
     * like), then lower-cased. Used as is for lookups: a form that {@link #canonical} refuses simply matches no
     * account.
     */
    public static String normalise(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        int start = 0;
        int end = nfkc.length();
        while (start < end && isBlank(nfkc.codePointAt(start))) {
            start += Character.charCount(nfkc.codePointAt(start));
        }
        while (end > start && isBlank(nfkc.codePointBefore(end))) {
            end -= Character.charCount(nfkc.codePointBefore(end));
        }
        return nfkc.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The normalised email when it is a plausible address by the rule above, else empty. */
    public static Optional<String> canonical(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = normalise(raw);
        return isPlausible(email) ? Optional.of(email) : Optional.empty();
    }

    /** Whether an already normalised email follows the rule. */
    public static boolean isPlausible(String email) {
        if (email.length() > MAX_LENGTH) {
            return false;
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at > MAX_LOCAL) {
            return false;
        }
        return LOCAL.matcher(email.substring(0, at)).matches() && DOMAIN.matcher(email.substring(at + 1)).matches();
    }

    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || Character.isISOControl(c);
    }
}
