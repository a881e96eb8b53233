package com.ewallet.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user's role after an admin action; {@code id} is the user's public id. */
@RegisterForReflection
public record RoleView(String id, String role) {
}
