package com.ewallet.auth.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * A money endpoint behind the access cookie and the CSRF header, like {@link AccessTokenRequired}, whose session is
 * checked as the first statement of its money transaction instead of by a query of its own before it (one round trip
 * less per movement). Its handler must pass {@link CurrentCaller#forMove()} to the money service, which refuses the
 * movement with 401 when the session has ended (see {@link com.ewallet.auth.repository.SessionStore#LIVE}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AccessTokenForMove {
}
