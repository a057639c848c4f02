package io.newsalert.ingest.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves the bundled offline sample feed (the seed article), so that a machine without internet
 * still has news to poll. Public: it is a feed, not an API.
 */
@Path("/sample")
public class SampleFeedResource {

    static final String SEED_FEED = "/sample/seed-feed.xml";

    @GET
    @Path("/seed-feed.xml")
    @Produces("application/rss+xml; charset=UTF-8")
    public Response seedFeed() throws IOException {
        try (InputStream in = SampleFeedResource.class.getResourceAsStream(SEED_FEED)) {
            if (in == null) {
                throw new IOException("the bundled sample feed " + SEED_FEED + " is missing from the build");
            }
            return Response.ok(in.readAllBytes()).build();
        }
    }
}
