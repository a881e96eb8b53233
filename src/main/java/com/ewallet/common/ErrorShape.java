package com.ewallet.common;

/**
 * How errors look under a path prefix whose clients expect another shape than {@link ErrorBody} (the developer API's
 * envelope). Answers made before any endpoint runs (404, 413) use it too; a feature provides it as a bean.
 */
public interface ErrorShape {

    /** The paths this shape is for, e.g. {@code /v1/}. */
    String pathPrefix();

    /** The body to send in place of {@code error}. */
    Object wrap(ErrorBody error);

    /** Whether this shape is for {@code path}. */
    default boolean appliesTo(String path) {
        return path != null && path.startsWith(pathPrefix());
    }
}
