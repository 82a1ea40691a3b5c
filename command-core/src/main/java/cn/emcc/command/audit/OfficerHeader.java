package cn.emcc.command.audit;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Today's officer identity as the audit reads it: {@code X-Emcc-Officer: user@adcode}
 * and an optional {@code X-Emcc-Role} (DUTY_OFFICER when absent). Nothing proves
 * either header; a session-token resolver replaces this one where {@code EmccServer}
 * builds the audit directive.
 */
public final class OfficerHeader implements Function<HttpRequest, Optional<AuditActor>> {

    public static final String OFFICER = "X-Emcc-Officer";
    public static final String ROLE = "X-Emcc-Role";
    public static final Set<String> ROLES = Set.of("DUTY_OFFICER", "COMMANDER", "VIEWER", "ADMIN");

    private static final Pattern USER_AT_ADCODE = Pattern.compile("([A-Za-z0-9._-]{1,64})@(\\d{6})");

    @Override
    public Optional<AuditActor> apply(HttpRequest request) {
        Matcher m = USER_AT_ADCODE.matcher(request.getHeader(OFFICER).map(HttpHeader::value).orElse(""));
        if (!m.matches()) {
            return Optional.empty();
        }
        String role = request.getHeader(ROLE).map(h -> h.value().trim().toUpperCase(Locale.ROOT))
                .filter(ROLES::contains).orElse("DUTY_OFFICER");
        return Optional.of(AuditActor.officer(m.group(1), role, m.group(2)));
    }
}
