package io.newsalert.alert.match;

import io.newsalert.alert.query.CompiledQuery;
import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.alert.query.QuerySyntaxException;
import io.newsalert.alert.subscription.ApiError;
import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.Span;
import io.newsalert.events.Topic;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/match}: does this query match this article, where, and with which snippet —
 * computed exactly as for a stored subscription, and nothing is stored. For a subscriber trying a
 * query, and for tests.
 */
@Path("/api/match")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MatchPreviewResource {

    public record PreviewRequest(String query, PreviewArticle article) {}

    /**
     * @param entities as /api/enrich returns them; {@code type} and offsets are optional here
     * @param topics labels ("conflict") or objects {code, label, score}
     */
    public record PreviewArticle(String title, String text, String language, List<PreviewEntity> entities,
            List<Object> topics, String feed) {}

    public record PreviewEntity(String type, String text, String canonical, String field, Integer start, Integer end) {}

    public record PreviewAnswer(boolean matched, List<Span> spans, String snippet) {}

    private final QueryCompiler compiler = new QueryCompiler();

    @POST
    public Response preview(PreviewRequest request) {
        if (request == null || request.article() == null) {
            return ApiError.badRequest("article: is missing; send {\"query\": …, \"article\": {\"title\", \"text\"}}");
        }
        CompiledQuery query;
        try {
            query = compiler.compile(request.query());
        } catch (QuerySyntaxException e) {
            return ApiError.badRequest("query: " + e.getMessage(), e.position());
        }
        ArticleText article;
        try {
            article = toArticle(request.article());
        } catch (IllegalArgumentException e) {
            return ApiError.badRequest(e.getMessage());
        }
        return Response.ok(Explanation.of(query, article)
                .map(e -> new PreviewAnswer(true, e.spans(), e.snippet()))
                .orElse(new PreviewAnswer(false, List.of(), null))).build();
    }

    private static ArticleText toArticle(PreviewArticle a) {
        List<Entity> entities = new ArrayList<>();
        if (a.entities() != null) {
            for (int i = 0; i < a.entities().size(); i++) {
                PreviewEntity e = a.entities().get(i);
                if (e == null || e.text() == null || e.text().isBlank()) {
                    throw new IllegalArgumentException("article.entities[" + i + "].text: is missing");
                }
                EntityType type;
                try {
                    type = e.type() == null ? EntityType.MISC : EntityType.valueOf(e.type().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("article.entities[" + i + "].type: '" + e.type() + "' is not PER, ORG, LOC or MISC");
                }
                entities.add(new Entity(type, e.text(), e.canonical() == null ? e.text() : e.canonical(),
                        e.field(), e.start() == null ? 0 : e.start(), e.end() == null ? 0 : e.end()));
            }
        }
        List<Topic> topics = new ArrayList<>();
        if (a.topics() != null) {
            for (Object t : a.topics()) {
                if (t instanceof String label) {
                    topics.add(new Topic(label, label, 1.0));
                } else if (t instanceof java.util.Map<?, ?> m && m.get("label") != null) {
                    Object code = m.get("code");
                    Object score = m.get("score");
                    topics.add(new Topic(code == null ? String.valueOf(m.get("label")) : code.toString(),
                            m.get("label").toString(), score instanceof Number n ? n.doubleValue() : 1.0));
                } else {
                    throw new IllegalArgumentException("article.topics: each topic is a label or {\"code\", \"label\"}");
                }
            }
        }
        return new ArticleText(a.title(), a.text(), a.language() == null ? "und" : a.language(), entities, topics, a.feed());
    }
}
