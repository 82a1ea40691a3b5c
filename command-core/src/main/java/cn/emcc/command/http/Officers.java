package cn.emcc.command.http;

import cn.emcc.command.incident.Who;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Who the duty officer behind a request is. For now the {@code X-Emcc-Officer:
 * user@adcode} header, trusted as given; this is the one place that changes
 * when officer sessions replace it.
 */
public final class Officers extends AllDirectives {

    public static final String HEADER = "X-Emcc-Officer";
    private static final Pattern OFFICER = Pattern.compile("([A-Za-z0-9._-]{1,64})@(\\d{6})");

    /** Runs {@code inner} with the officer, or answers 401 naming the header. */
    public Route officer(Function<Who, Route> inner) {
        return optionalHeaderValueByName(HEADER, header -> parse(header)
                .map(inner)
                .orElseGet(() -> complete(Json.error(StatusCodes.UNAUTHORIZED, HEADER,
                        "an officer is required as user@adcode"))));
    }

    static Optional<Who> parse(Optional<String> header) {
        return header.map(OFFICER::matcher).filter(java.util.regex.Matcher::matches)
                .map(m -> Who.officer(m.group(1), m.group(2)));
    }
}
