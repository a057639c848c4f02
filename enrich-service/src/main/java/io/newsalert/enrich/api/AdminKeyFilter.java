package io.newsalert.enrich.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every call under {@code /api/} needs {@code Authorization: Bearer <admin key>}
 * ({@code newsalert.admin-key}, from {@code NEWSALERT_ADMIN_KEY}). With no key configured every
 * such call is refused: an unset key must not mean an open service.
 * Pre-matching, so that an unknown path under {@code /api/} answers 401 too and reveals nothing.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    @ConfigProperty(name = "newsalert.admin-key", defaultValue = "")
    String adminKey;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!(path.equals("/api") || path.startsWith("/api/"))) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            request.abortWith(unauthorized("an API key is needed: Authorization: Bearer <key>"));
            return;
        }
        if (adminKey == null || adminKey.isBlank()) {
            request.abortWith(unauthorized("no admin key is configured (NEWSALERT_ADMIN_KEY); the API is closed"));
            return;
        }
        // Constant-time comparison: the answer's timing must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(adminKey.getBytes(StandardCharsets.UTF_8),
                header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(unauthorized("the API key is not valid"));
        }
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", message))
                .build();
    }
}
