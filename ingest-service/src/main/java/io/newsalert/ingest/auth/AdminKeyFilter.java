package io.newsalert.ingest.auth;

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
 * Every {@code /api/} call needs {@code Authorization: Bearer <admin key>}. Without a configured key
 * the API is closed rather than open: a forgotten setting must not expose the registry.
 * Pre-matching, so that an unknown path under {@code /api/} answers 401 too and reveals nothing.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    private final byte[] adminKey;

    public AdminKeyFilter(@ConfigProperty(name = "newsalert.admin-key", defaultValue = "") String adminKey) {
        this.adminKey = adminKey.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String reason;
        if (adminKey.length == 0) {
            reason = "no API key is configured on this server (set NEWSALERT_ADMIN_KEY)";
        } else if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            reason = "send the API key as 'Authorization: Bearer <key>'";
        } else if (!MessageDigest.isEqual(adminKey, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            reason = "the API key is not valid";
        } else {
            return;
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", reason))
                .build());
    }
}
