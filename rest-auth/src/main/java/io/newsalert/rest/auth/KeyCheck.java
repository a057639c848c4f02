package io.newsalert.rest.auth;

import java.util.Optional;

/** Decides whether a bearer key may call this service's {@code /api/}. */
public interface KeyCheck {

    /**
     * @param key the key as sent, stripped, never blank
     * @return empty to admit the call, otherwise why it is refused (the 401's message)
     */
    Optional<String> refusal(String key);

    /** A path under {@code /api/} open to anyone. Exact paths only: a prefix lets {@code ..%2F} through. */
    default boolean isPublic(String path) {
        return false;
    }
}
