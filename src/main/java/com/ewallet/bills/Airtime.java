package com.ewallet.bills;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.ewallet.wallet.MoneyErrors;

/** What an airtime request may name: a Nigerian network and a Nigerian mobile number. */
public final class Airtime {

    /** Accepted names, by the network's name at the provider (9mobile was Etisalat and still is, there). */
    private static final Map<String, String> NETWORKS = Map.of("mtn", "mtn", "glo", "glo", "airtel", "airtel",
            "etisalat", "etisalat", "9mobile", "etisalat");
    private static final Pattern NIGERIAN_MOBILE = Pattern.compile("234[789][01][0-9]{8}");

    private Airtime() {
    }

    /** The network as the provider names it; 400 {@code UNKNOWN_PROVIDER} for any other. */
    public static String network(String provider) {
        String network = provider == null ? null : NETWORKS.get(provider.strip().toLowerCase(Locale.ROOT));
        if (network == null) {
            throw MoneyErrors.rejected("UNKNOWN_PROVIDER", "provider",
                    "must be one of mtn, glo, airtel, etisalat, 9mobile");
        }
        return network;
    }

    /**
     * A Nigerian mobile number with its country code (234 and ten digits), from the international, {@code +234} or
     * national ({@code 0803...}) form; 400 {@code INVALID_MOBILE} otherwise.
     */
    public static String mobile(String raw) {
        String digits = raw == null ? "" : raw.strip().replaceFirst("^\\+", "");
        if (digits.length() == 11 && digits.startsWith("0")) {
            digits = "234" + digits.substring(1);
        } else if (digits.length() == 10 && !digits.startsWith("0")) {
            digits = "234" + digits;
        }
        if (!NIGERIAN_MOBILE.matcher(digits).matches()) {
            throw MoneyErrors.rejected("INVALID_MOBILE", "mobile",
                    "must be a Nigerian mobile number (234 and 10 digits, or 0 and 10 digits)");
        }
        return digits;
    }

    /** The national form ({@code 0803...}) that the provider's examples use. */
    public static String national(String mobile) {
        return "0" + mobile.substring(3);
    }
}
