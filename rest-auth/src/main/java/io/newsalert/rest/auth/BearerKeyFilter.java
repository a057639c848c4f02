package io.newsalert.rest.auth;

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

/**
 * Every call under {@code /api/} needs {@code Authorization: Bearer <key>} that the service's
 * {@link KeyCheck} admits; otherwise 401 with a JSON message and {@code WWW-Authenticate: Bearer}.
 * Pre-matching, so that an unknown path under {@code /api/} answers 401 too and reveals nothing.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerKeyFilter implements ContainerRequestFilter {

    @Inject
    KeyCheck check;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!(path.equals("/api") || path.startsWith("/api/")) || check.isPublic(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            request.abortWith(unauthorized("an API key is needed: Authorization: Bearer <key>"));
            return;
        }
        check.refusal(header.substring(7).strip()).ifPresent(reason -> request.abortWith(unauthorized(reason)));
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", message))
                .build();
    }
}
