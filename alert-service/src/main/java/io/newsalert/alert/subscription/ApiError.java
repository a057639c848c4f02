package io.newsalert.alert.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every refused API call: what is wrong, and for a query where (0-based character).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, Integer position) {

    public static Response badRequest(String error) {
        return response(400, new ApiError(error, null));
    }

    public static Response badRequest(String error, int position) {
        return response(400, new ApiError(error, position));
    }

    public static Response notFound(String error) {
        return response(404, new ApiError(error, null));
    }

    private static Response response(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
