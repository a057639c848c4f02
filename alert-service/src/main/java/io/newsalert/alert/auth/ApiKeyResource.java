package io.newsalert.alert.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code /api/keys}: the admin creates, lists and revokes API keys. Only hashes are stored. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** A key as listed: never its secret (which is not stored), only when it was given out. */
    public record KeyView(String id, String name, Instant created, String key) {}

    public record CreateKey(String name) {}

    @Inject
    Caller caller;

    @Inject
    ApiKeys keys;

    @POST
    public Response create(CreateKey body) {
        Response refused = refuseUnlessAdmin();
        if (refused != null) {
            return refused;
        }
        if (body == null || body.name() == null || body.name().isBlank()) {
            return Response.status(400).entity(Map.of("error", "name: a key needs a name saying who holds it")).build();
        }
        ApiKeys.Created created = keys.create(body.name().strip());
        ApiKey key = created.key();
        return Response.status(201).entity(new KeyView(key.id(), key.name(), key.created(), created.secret())).build();
    }

    @GET
    public Response list() {
        Response refused = refuseUnlessAdmin();
        if (refused != null) {
            return refused;
        }
        List<KeyView> all = keys.all().stream()
                .sorted(Comparator.comparing(ApiKey::created))
                .map(k -> new KeyView(k.id(), k.name(), k.created(), null))
                .toList();
        return Response.ok(all).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        Response refused = refuseUnlessAdmin();
        if (refused != null) {
            return refused;
        }
        if (keys.get(id).isEmpty()) {
            return Response.status(404).entity(Map.of("error", "no API key " + id)).build();
        }
        keys.revoke(id);
        return Response.noContent().build();
    }

    private Response refuseUnlessAdmin() {
        return caller.isAdmin() ? null
                : Response.status(403).entity(Map.of("error", "only the admin key manages API keys")).build();
    }
}
