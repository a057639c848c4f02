package io.newsalert.alert.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates every call under {@code /api/} with {@code Authorization: Bearer <key>}, except
 * {@code /api/unsubscribe}, whose links are signed tokens mailed to people without a key.
 * Pre-matching, so that an unknown path under {@code /api/} answers 401 too and reveals nothing.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    @Inject
    ApiKeys keys;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!(path.equals("/api") || path.startsWith("/api/")) || isPublic(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            request.abortWith(unauthorized("an API key is needed: Authorization: Bearer <key>"));
            return;
        }
        Optional<String> keyId = keys.authenticate(header.substring(7).strip());
        if (keyId.isEmpty()) {
            request.abortWith(unauthorized("the API key is not valid"));
            return;
        }
        caller.authenticatedAs(keyId.get());
    }

    private static boolean isPublic(String path) {
        // Exactly this path: a prefix ("/api/unsubscribe/") would let "/api/unsubscribe/..%2Fsubscriptions" through.
        return path.equals("/api/unsubscribe");
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", message))
                .build();
    }
}
