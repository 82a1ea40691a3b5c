package cn.emcc.command.http;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Serves the small incident overview page at {@code /} from the classpath. */
public final class StatusPage extends AllDirectives {

    public Route routes() {
        return concat(
                pathSingleSlash(() -> get(() -> getFromResource("web/index.html"))),
                pathPrefix("web", () -> get(() -> getFromResourceDirectory("web"))));
    }
}
