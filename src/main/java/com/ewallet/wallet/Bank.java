package com.ewallet.wallet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bank that transfers may go to: its code (the seed's {@code bni}, a CBN code such as {@code 058}) and name. */
@Entity
@Table(name = "banks")
public class Bank {

    @Id
    @Column(length = 16)
    public String code;

    @Column(nullable = false, length = 100)
    public String name;

    /** ISO 3166 country code. */
    @Column(nullable = false, length = 2)
    public String country;

    @Column(nullable = false)
    public boolean active;
}
