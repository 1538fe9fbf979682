package org.albs.adapter.in.rest.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Framework-raised HTTP errors (unknown route, wrong method, wrong media type) keep their status, with a JSON body. */
@Provider
public class WebExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return new JsonExceptionMapper().toResponse(json);
        }
        String detail = switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported Media Type: send application/json";
            default -> original.getStatusInfo().getReasonPhrase();
        };
        Response.ResponseBuilder b = Response.fromResponse(Responses.error(status, detail));
        original.getHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type") && !k.equalsIgnoreCase("Content-Length")) {
                v.forEach(value -> b.header(k, value));
            }
        });
        return b.build();
    }
}
