package com.ewallet.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /users}. The email's form (after normalising: {@link com.ewallet.user.Email}), the password's strength
 * and the mobile's form are checked by the service.
 */
public record RegistrationRequest(@NotBlank @Size(max = 254) String email,
        @NotBlank @Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password,
        @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cc}*", message = "must be printable text") String name,
        @NotBlank @Size(max = 32) String mobile) {
}
