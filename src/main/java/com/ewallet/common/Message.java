package com.ewallet.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's plain success body: {@code {"msg": "..."}}. */
@RegisterForReflection
public record Message(String msg) {
}
