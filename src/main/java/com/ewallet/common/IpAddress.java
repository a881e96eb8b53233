package com.ewallet.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.netty.util.NetUtil;

/**
 * A textual IPv4 or IPv6 address (no host names, nothing looked up); null passes (combine with NotBlank). Only hex
 * digits, dots and colons: no brackets and no IPv6 zone id ({@code fe80::1%eth0}), whose free text a client could fill
 * with markup.
 */
@Documented
@Constraint(validatedBy = IpAddress.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface IpAddress {

    String message() default "must be an IPv4 or IPv6 address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IpAddress, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.length() <= 45 && value.chars().allMatch(Validator::allowed)
                    && (NetUtil.isValidIpV4Address(value) || NetUtil.isValidIpV6Address(value));
        }

        private static boolean allowed(int c) {
            return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':';
        }
    }
}
