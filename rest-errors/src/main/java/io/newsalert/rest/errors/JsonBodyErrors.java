package io.newsalert.rest.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request body that is not the JSON an endpoint takes is the client's mistake: 400 with a message
 * that names the field and what is wrong ({@code "channels[0].type: expected a string"}), never a
 * 500, an empty 400 or Jackson's internals. Unknown fields are refused
 * ({@code quarkus.jackson.fail-on-unknown-properties=true}) so that a typo is not silently ignored.
 */
public class JsonBodyErrors {

    /** Values are quoted back to the client, but never at length. */
    private static final int MAX_ECHO = 120;

    /** Mismatches reach the mappers as they are. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return bad(describe(e));
    }

    /** Syntax errors and limits come wrapped in a bare 400 by the REST layer's JSON reader: give them words. */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e) {
        if (e.getResponse().getStatus() == 400 && e.getCause() instanceof JsonProcessingException json) {
            return bad(describe(json));
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response unwrapped(JsonProcessingException e) {
        return bad(describe(e));
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            return path(u) + ": is not a known field" + (known.isEmpty() ? "" : "; the fields are " + String.join(", ", known));
        }
        if (e instanceof InvalidFormatException f) {
            return path(f) + ": " + echo(f.getValue()) + " is not " + typeName(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return m.getPath().isEmpty()
                    ? "the body must be " + typeName(m.getTargetType())
                    : path(m) + ": expected " + typeName(m.getTargetType());
        }
        // A syntax error or limit inside a field comes wrapped with the field's path.
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m) + ": " : "";
        JsonProcessingException root = e.getCause() instanceof JsonProcessingException cause ? cause : e;
        if (root instanceof StreamConstraintsException) {
            return where + "the JSON body is beyond this service's limits: " + firstLine(root.getOriginalMessage());
        }
        if (root instanceof JsonParseException || where.isEmpty()) {
            var at = root.getLocation();
            return where + "the body is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": " + firstLine(root.getOriginalMessage());
        }
        return where + firstLine(root.getOriginalMessage());
    }

    /** {@code channels[0].type}, as the API's own validation messages name fields. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    private static String echo(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > MAX_ECHO ? s.substring(0, MAX_ECHO) + "…" : s) + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static Response bad(String message) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", message)).build();
    }
}
