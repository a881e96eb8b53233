package com.ewallet.bills.service;

import java.util.Locale;
import java.util.Set;

/**
 * What a provider's answer says of a purchase. Only a definite answer settles it: delivered, or refused without
 * charging. Anything else (still processing, an unknown code, a timeout, a 5xx) is UNKNOWN, never a failure, and the
 * purchase is asked about again.
 */
enum VtuOutcome {
    SUCCESS, FAILED, UNKNOWN;

    /** Refusals that VTpass documents as not processed: the airtime was not sent. */
    private static final Set<String> REFUSED = Set.of("016", "091", "011", "012", "013", "017", "018", "019", "021",
            "022", "023", "024", "030");
    /** The provider does not know the request id (requery only). */
    static final String NOT_FOUND = "015";

    static VtuOutcome of(VtpassClient.Answer answer) {
        if (answer == null || answer.code() == null) {
            return UNKNOWN;
        }
        if ("000".equals(answer.code())) {
            String status = answer.content() == null || answer.content().transactions() == null ? null
                    : answer.content().transactions().status();
            return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "delivered" -> SUCCESS;
            case "failed", "reversed" -> FAILED;
            default -> UNKNOWN;
            };
        }
        return REFUSED.contains(answer.code()) ? FAILED : UNKNOWN;
    }
}
