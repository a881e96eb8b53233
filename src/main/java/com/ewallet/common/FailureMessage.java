package com.ewallet.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code msg} that an endpoint's rejected input answers with, as its contract fixes it (for example
 * {@code "transaction failed."} on the seed's money endpoints). Without it the generic message is used.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface FailureMessage {
    String value();
}
