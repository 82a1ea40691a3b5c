package cn.emcc.command.console;

import cn.emcc.command.http.Json;
import cn.emcc.command.officers.OfficerAccess;
import cn.emcc.command.officers.OfficerEndpoint;
import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Clock;
import java.time.Instant;

/**
 * A read endpoint the node dashboard needs and the stream does not carry:
 * {@code GET /v1/nodes/<adcode>/incidents/hourly?hours=24} — incidents of the
 * node's subtree opened per hour by category ({@link HourlyCounts}), for an
 * officer whose jurisdiction contains the node.
 */
public final class NodeStatsRoutes extends AllDirectives {

    private final IncidentBoard board;
    private final JurisdictionTree tree;
    private final Clock clock;
    private final OfficerAccess access;

    public NodeStatsRoutes(IncidentBoard board, JurisdictionTree tree, Clock clock, OfficerAccess access) {
        this.board = board;
        this.tree = tree;
        this.clock = clock;
        this.access = access;
    }

    public Route routes() {
        return pathPrefix("v1", () -> pathPrefix("nodes", () -> pathPrefix(adcode -> pathPrefix("incidents", () ->
                path("hourly", () -> get(() -> access.officer(OfficerEndpoint.NODE_HOURLY, officer ->
                        access.inside(officer, adcode, "adcode", () -> parameterOptional("hours", hoursText ->
                                hourly(adcode, hoursText.orElse("24")))))))))));
    }

    private Route hourly(String adcode, String hoursText) {
        if (tree.get(adcode).isEmpty()) {
            return complete(Json.error(StatusCodes.NOT_FOUND, "adcode", "no command node '" + adcode + "'"));
        }
        int hours;
        try {
            hours = Integer.parseInt(hoursText);
            if (hours < 1 || hours > 168) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return complete(Json.error(StatusCodes.BAD_REQUEST, "hours", "hours is '" + hoursText + "'; expected 1..168"));
        }
        Instant now = clock.instant();
        return complete(Json.ok(HourlyCounts.of(
                board.openedSince(HourlyCounts.since(now, hours), county -> tree.contains(adcode, county)), now, hours)));
    }
}
