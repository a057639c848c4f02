package io.newsalert.alert.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling this request: the id of the API key that authenticated it. Filled by
 * {@link ApiKeyCheck} before any resource method runs; resources use it to scope what a key sees.
 */
@RequestScoped
public class Caller {

    /** The key id of the configured admin key. */
    public static final String ADMIN = "admin";

    private String keyId;

    /** The authenticated key's id ({@value #ADMIN} for the admin key); null on public paths. */
    public String keyId() {
        return keyId;
    }

    public boolean isAdmin() {
        return ADMIN.equals(keyId);
    }

    void authenticatedAs(String keyId) {
        this.keyId = keyId;
    }
}
