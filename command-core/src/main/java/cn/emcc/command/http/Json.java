package cn.emcc.command.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;

import java.io.IOException;
import java.util.Map;

/** JSON for the HTTP edge: ISO-8601 times, enum names, and one error shape {field, reason}. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    public static HttpResponse ok(Object body) {
        return response(org.apache.pekko.http.javadsl.model.StatusCodes.OK, body);
    }

    public static HttpResponse error(StatusCode status, String field, String reason) {
        return response(status, Map.of("field", field, "reason", reason));
    }

    /**
     * Why a body is not JSON, for the client: where the parser stopped, not its message
     * (which can name parser classes and settings).
     */
    public static String notJson(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return "not JSON: the body stops being JSON at line " + j.getLocation().getLineNr()
                    + ", column " + j.getLocation().getColumnNr();
        }
        return "not JSON";
    }

    public static HttpResponse response(StatusCode status, Object body) {
        try {
            return HttpResponse.create().withStatus(status)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, MAPPER.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException("our own response types always serialize", e);
        }
    }
}
