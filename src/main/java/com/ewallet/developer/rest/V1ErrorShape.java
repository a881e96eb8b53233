package com.ewallet.developer.rest;

import jakarta.inject.Singleton;

import com.ewallet.common.ErrorBody;
import com.ewallet.common.ErrorShape;

/** Errors under /v1 leave in the developer envelope ({@link V1Error}), whoever answers. */
@Singleton
public class V1ErrorShape implements ErrorShape {

    @Override
    public String pathPrefix() {
        return "/v1/";
    }

    @Override
    public Object wrap(ErrorBody error) {
        return V1Error.of(error);
    }
}
