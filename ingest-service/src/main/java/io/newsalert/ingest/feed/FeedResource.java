package io.newsalert.ingest.feed;

import io.newsalert.events.FeedConfig;
import io.newsalert.events.SchemaVersion;
import io.newsalert.ingest.IngestRuntime;
import io.newsalert.ingest.feed.FeedRegistry.RegistryException;
import io.newsalert.ingest.fetch.FetchException;
import io.newsalert.ingest.fetch.FetchResult;
import io.newsalert.ingest.parse.FeedItem;
import io.newsalert.ingest.parse.FeedParseException;
import io.newsalert.ingest.parse.FeedParser;
import io.newsalert.ingest.parse.ParsedFeed;
import io.newsalert.ingest.poll.FeedState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The feed registry API: register, list, show with health, change, delete, import OPML, preview. */
@Path("/api/feeds")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    /**
     * What a client sends; absent fields get defaults (POST) or stay as they are (PUT). Unknown fields
     * are refused, except those the server sets, so that a GET's answer can be PUT back as it is.
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"id", "health"})
    public record FeedRequest(String url, String title, Integer pollIntervalSeconds, String languageHint,
            List<String> labels, Boolean enabled) {}

    /** A feed's health, from its poll state. */
    public record Health(String status, Instant lastFetch, Instant lastSuccess, String lastError, String lastErrorKind,
            int consecutiveErrors, Instant nextPoll, long itemsSeen, long articlesPublished) {}

    public record FeedView(String id, String url, String title, int pollIntervalSeconds, String languageHint,
            List<String> labels, boolean enabled, Health health) {}

    public record PreviewRequest(String url) {}

    public record PreviewFeed(String title, String link, String language, String type) {}

    public record PreviewItem(String id, String guid, String link, String title, String summary, Instant published,
            List<String> categories, List<String> authors, String content, List<String> media) {}

    public record Preview(PreviewFeed feed, List<PreviewItem> items, List<String> skipped) {}

    public record Skipped(String url, String title, String reason) {}

    public record ImportResult(List<FeedView> imported, List<Skipped> skipped) {}

    private final IngestRuntime runtime;

    public FeedResource(IngestRuntime runtime) {
        this.runtime = runtime;
    }

    @GET
    public List<FeedView> list() {
        return runtime.registry().all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return runtime.registry().get(id).map(f -> Response.ok(view(f)).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no feed with id '" + id + "'"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(FeedRequest request) throws RegistryException {
        if (request == null) {
            return error(Response.Status.BAD_REQUEST, "send a JSON body with at least \"url\"");
        }
        String problem = validate(request, true);
        if (problem != null) {
            return error(Response.Status.BAD_REQUEST, problem);
        }
        FeedConfig existing = runtime.registry().byUrl(request.url()).orElse(null);
        if (existing != null) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error",
                    "this URL is already registered as feed '" + existing.id() + "'", "id", existing.id())).build();
        }
        FeedConfig feed = new FeedConfig(SchemaVersion.CURRENT, FeedRegistry.idForUrl(request.url()),
                request.url().strip(), request.title() == null ? request.url().strip() : request.title(),
                request.pollIntervalSeconds() == null ? runtime.defaultPollIntervalSeconds()
                        : request.pollIntervalSeconds(),
                request.languageHint(), request.labels(), request.enabled() == null || request.enabled());
        runtime.registry().put(feed);
        return Response.status(Response.Status.CREATED).entity(view(feed)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, FeedRequest request) throws RegistryException {
        FeedConfig old = runtime.registry().get(id).orElse(null);
        if (old == null) {
            return error(Response.Status.NOT_FOUND, "no feed with id '" + id + "'");
        }
        if (request == null) {
            return error(Response.Status.BAD_REQUEST, "send a JSON body with the fields to change");
        }
        String problem = validate(request, false);
        if (problem != null) {
            return error(Response.Status.BAD_REQUEST, problem);
        }
        FeedConfig feed = new FeedConfig(old.schemaVersion(), id,
                request.url() == null ? old.url() : request.url().strip(),
                request.title() == null ? old.title() : request.title(),
                request.pollIntervalSeconds() == null ? old.pollIntervalSeconds() : request.pollIntervalSeconds(),
                request.languageHint() == null ? old.languageHint() : request.languageHint(),
                request.labels() == null ? old.labels() : request.labels(),
                request.enabled() == null ? old.enabled() : request.enabled());
        runtime.registry().put(feed);
        return Response.ok(view(feed)).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) throws RegistryException {
        if (runtime.registry().get(id).isEmpty()) {
            return error(Response.Status.NOT_FOUND, "no feed with id '" + id + "'");
        }
        // The feed's poll state (recent ids) stays: the same URL registered again gets the same id
        // and does not publish its stories a second time.
        runtime.registry().delete(id);
        return Response.noContent().build();
    }

    /** {@code ?enabled=false} imports the feeds switched off, for review before they are polled. */
    @POST
    @Path("/import")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, "text/x-opml", "text/x-opml+xml",
            MediaType.APPLICATION_OCTET_STREAM})
    public Response importOpml(@QueryParam("enabled") @DefaultValue("true") boolean enabled, byte[] body)
            throws RegistryException {
        List<OpmlImport.Entry> entries;
        try {
            entries = OpmlImport.read(body);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        List<FeedView> imported = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (OpmlImport.Entry e : entries) {
            String problem = FeedRegistry.checkUrl(e.url());
            if (problem != null) {
                skipped.add(new Skipped(e.url(), e.title(), problem));
                continue;
            }
            FeedConfig existing = runtime.registry().byUrl(e.url()).orElse(null);
            if (existing != null) {
                skipped.add(new Skipped(e.url(), e.title(), "already registered as feed '" + existing.id() + "'"));
                continue;
            }
            FeedConfig feed = new FeedConfig(SchemaVersion.CURRENT, FeedRegistry.idForUrl(e.url()), e.url(),
                    e.title() == null ? e.url() : e.title(), runtime.defaultPollIntervalSeconds(), e.language(),
                    e.labels(), enabled);
            runtime.registry().put(feed);
            imported.add(view(feed));
        }
        return Response.ok(new ImportResult(imported, skipped)).build();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preview(PreviewRequest request) throws InterruptedException {
        if (request == null || FeedRegistry.checkUrl(request.url()) != null) {
            return error(Response.Status.BAD_REQUEST,
                    request == null ? "send {\"url\": \"https://…\"}" : FeedRegistry.checkUrl(request.url()));
        }
        ParsedFeed parsed;
        try {
            FetchResult fetched = runtime.fetcher().fetch(request.url(), null, null);
            parsed = FeedParser.parse(fetched.body(), fetched.contentType());
        } catch (FetchException | FeedParseException e) {
            return error(422, e.getMessage());
        }
        List<PreviewItem> items = new ArrayList<>();
        for (FeedItem i : parsed.items()) {
            items.add(new PreviewItem(i.id(), i.guid(), i.link(), i.title(), i.summary(), i.published(),
                    i.categories(), i.authors(), i.content(), i.media()));
        }
        return Response.ok(new Preview(new PreviewFeed(parsed.title(), parsed.link(), parsed.language(),
                parsed.type()), items, parsed.skipped())).build();
    }

    private static String validate(FeedRequest r, boolean creating) {
        if (creating || r.url() != null) {
            String problem = FeedRegistry.checkUrl(r.url());
            if (problem != null) {
                return problem;
            }
        }
        if (r.pollIntervalSeconds() != null && (r.pollIntervalSeconds() < 1 || r.pollIntervalSeconds() > 86_400)) {
            return "pollIntervalSeconds must be between 1 and 86400, not " + r.pollIntervalSeconds();
        }
        return null;
    }

    private FeedView view(FeedConfig f) {
        FeedState s = runtime.polling().state(f.id());
        Health health;
        if (s == null) {
            health = new Health(f.enabled() ? "pending" : "disabled", null, null, null, null, 0, null, 0, 0);
        } else {
            String status = !f.enabled() ? "disabled" : s.consecutiveErrors() > 0 ? "failing"
                    : s.lastSuccess() == null ? "pending" : "ok";
            health = new Health(status, s.lastFetch(), s.lastSuccess(), s.lastError(), s.lastErrorKind(),
                    s.consecutiveErrors(), s.nextPoll(), s.itemsSeen(), s.articlesPublished());
        }
        return new FeedView(f.id(), f.url(), f.title(), f.pollIntervalSeconds(), f.languageHint(), f.labels(),
                f.enabled(), health);
    }

    private static Response error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
