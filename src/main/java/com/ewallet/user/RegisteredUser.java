package com.ewallet.user;

/** The answer to a registration: the new user's id and wallet account. */
public record RegisteredUser(String msg, long id, String email, String mobile, String accountNumber, String type,
        int tier) {
}
