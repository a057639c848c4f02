package io.newsalert.enrich.api;

import io.newsalert.enrich.analysis.Analysis;
import io.newsalert.enrich.analysis.ArticleAnalyzer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /api/enrich}: analyses one text on demand and answers exactly what the stream adds
 * to an article (language, entities with offsets into {@code title} and {@code text}, topics).
 */
@Path("/api/enrich")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnrichResource {

    /** Longer texts are refused: one request must not hold a worker for seconds. */
    static final int MAX_CHARS = 200_000;

    /** @param language optional: taken as given instead of detecting */
    public record EnrichRequest(String title, String text, String language) {}

    @Inject
    ArticleAnalyzer analyzer;

    @POST
    public Response enrich(EnrichRequest request) {
        if (request == null || (isBlank(request.title()) && isBlank(request.text()))) {
            return bad("give a \"title\" or a \"text\" (or both) to analyse");
        }
        int length = (request.title() == null ? 0 : request.title().length())
                + (request.text() == null ? 0 : request.text().length());
        if (length > MAX_CHARS) {
            return bad("title and text together are " + length + " characters; at most " + MAX_CHARS + " are analysed");
        }
        if (request.language() != null && !request.language().strip().matches("[A-Za-z]{2,3}")) {
            return bad("\"language\" must be an ISO 639 code such as \"de\" or \"en\", not \"" + request.language() + "\"");
        }
        Analysis analysis = analyzer.analyze(request.title(), request.text(), request.language(), null);
        return Response.ok(analysis).build();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
