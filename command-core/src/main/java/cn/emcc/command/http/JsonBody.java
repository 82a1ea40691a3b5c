package cn.emcc.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

import java.util.function.Function;

/**
 * The JSON object an officer action carries: at most {@code maxBytes} (413
 * beyond), an empty body read as {@code {}}, anything that is not a JSON
 * object answered 400 on the field {@code body}.
 */
public final class JsonBody extends AllDirectives {

    private static final JsonBody INSTANCE = new JsonBody();

    private JsonBody() {
    }

    public static Route object(int maxBytes, Function<JsonNode, Route> inner) {
        return INSTANCE.withSizeLimit(maxBytes, () -> INSTANCE.entity(Unmarshaller.entityToString(), text -> {
            JsonNode body;
            try {
                body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
            } catch (Exception e) {
                return INSTANCE.complete(Json.error(StatusCodes.BAD_REQUEST, "body", Json.notJson(e)));
            }
            if (body == null || !body.isObject()) {
                return INSTANCE.complete(Json.error(StatusCodes.BAD_REQUEST, "body", "a JSON object is required"));
            }
            return inner.apply(body);
        }));
    }
}
