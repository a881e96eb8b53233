package com.ewallet.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user's role after an admin action. */
@RegisterForReflection
public record RoleView(long id, String role) {
}
