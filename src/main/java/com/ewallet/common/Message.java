package com.ewallet.common;

/** The seed's plain success body: {@code {"msg": "..."}}. */
public record Message(String msg) {
}
