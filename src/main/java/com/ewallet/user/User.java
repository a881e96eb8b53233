package com.ewallet.user;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who logs in. Email is stored lower-cased, mobile in {@link com.ewallet.common.Mobile} form. The mobile is
 * verified once its holder completes an SMS passcode for it; an account loses an unverified number to the holder who
 * verifies it (docs/security.md#mobiles). Outside the database the user is known by {@link #publicId} only.
 */
@Entity
@Table(name = "users")
public class User {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The opaque id shown outside (answers, apps); the numeric key stays internal. */
    @Column(name = "public_id", nullable = false, length = 12)
    public String publicId;

    @Column(nullable = false, length = 254)
    public String email;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Column(nullable = false, length = 100)
    public String name;

    /** NULL once another account has verified the number this account held unverified. */
    @Column(length = 15)
    public String mobile;

    /** When the holder completed an SMS passcode for {@link #mobile}; NULL while unverified. */
    @Column(name = "mobile_verified_at")
    public LocalDateTime mobileVerifiedAt;

    @Column(nullable = false, length = 16)
    public String role;

    @Column(name = "created_at", nullable = false)
    public LocalDateTime createdAt;

    public boolean mobileVerified() {
        return mobile != null && mobileVerifiedAt != null;
    }
}
