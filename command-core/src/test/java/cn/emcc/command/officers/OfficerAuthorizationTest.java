package cn.emcc.command.officers;

import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.command.unit.UnitRoster;
import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.client.Reply;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.Casualties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import static cn.emcc.command.testsupport.Envelopes.JINAN_LAT;
import static cn.emcc.command.testsupport.Envelopes.JINAN_LON;
import static cn.emcc.command.testsupport.Envelopes.fireAlarm;
import static cn.emcc.protocols.v1.IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every officer endpoint × every role × officers placed in the target's own
 * county, its city, the province (inside), a sibling county and another city
 * (outside), asked over the real socket; each case expects allow or deny
 * exactly. The target lives in 历下区 370102 (Jinan 370100). Bodies are chosen
 * so that an allowed action is refused afterwards for its content (400/409)
 * where it would otherwise change things the other rows look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficerAuthorizationTest {

    /** Where the officer sits, relative to the target county 370102. */
    enum Position {
        COUNTY("370102"), CITY("370100"), PROVINCE("370000"), OTHER_COUNTY("370103"), OTHER_CITY("370200");

        final String adcode;

        Position(String adcode) {
            this.adcode = adcode;
        }

        boolean inside() {
            return this == COUNTY || this == CITY || this == PROVINCE;
        }
    }

    /** One request of an endpoint and who may make it. */
    record Case(OfficerEndpoint endpoint, String method, String path, String body, BiPredicate<Role, Position> allowed,
                boolean sessionEnding) {
    }

    private static final BiPredicate<Role, Position> READ_INSIDE = (r, p) -> p.inside();
    private static final BiPredicate<Role, Position> ACT_INSIDE = (r, p) -> r.acts() && p.inside();
    private static final BiPredicate<Role, Position> ADMIN_INSIDE = (r, p) -> r == Role.ADMIN && p.inside();
    private static final BiPredicate<Role, Position> ANYONE = (r, p) -> true;

    private TestStore store;
    private RunningNode node;
    private String incident;
    private String unit;
    private String mutualAid;
    private int created;

    @BeforeAll
    void start(@TempDir Path scratch) throws Exception {
        store = JournalUnderTest.H2.freshStore(scratch);
        node = RunningNode.start(store);
        AgencyClient fire = node.client(Agency.AGENCY_FIRE);
        Reply reply = fire.send(fireAlarm(fire, JINAN_LON, JINAN_LAT, INCIDENT_CATEGORY_FIRE_BUILDING,
                Casualties.newBuilder().setCallers(1).build())).get();
        assertThat(reply).isInstanceOf(Reply.Acked.class);
        incident = ((Reply.Acked) reply).ack().getEffectRef();
        // The report route looks the incident up on the read side: wait until it is there.
        Await.until("the incident is on the read side", Duration.ofSeconds(30),
                () -> node.server().board().get(incident).isPresent());
        assertThat(node.server().board().get(incident).orElseThrow().countyAdcode()).isEqualTo("370102");
        unit = UnitRoster.loadDefault().all().stream().filter(u -> u.countyAdcode().equals("370102"))
                .map(u -> u.unitId()).sorted().findFirst().orElseThrow();
        node.token("target.officer", Role.DUTY_OFFICER, "370102");
        // A mutual-aid request from the county to its city, for the rows that act on one.
        assertThat(node.post("/v1/incidents/" + incident + "/dispatch/proposal", "target.officer@370102", "{}")
                .statusCode()).isEqualTo(200);
        var raised = node.post("/v1/incidents/" + incident + "/mutual-aid", "target.officer@370102",
                "{\"capability\":\"FIRE_SUPPRESSION\",\"count\":1,\"note\":\"authorization table\"}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        mutualAid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raised.body()).path("requestId").asText();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private List<Case> table() {
        String i = "/v1/incidents/" + incident;
        List<Case> t = new ArrayList<>();
        t.add(new Case(OfficerEndpoint.SESSION_GET, "GET", "/v1/session", null, ANYONE, false));
        t.add(new Case(OfficerEndpoint.SESSION_DELETE, "DELETE", "/v1/session", null, ANYONE, true));
        t.add(new Case(OfficerEndpoint.SESSION_PASSWORD, "POST", "/v1/session/password", "{}", ANYONE, false));

        t.add(new Case(OfficerEndpoint.OFFICERS_LIST, "GET", "/v1/officers", null, (r, p) -> r == Role.ADMIN, false));
        t.add(new Case(OfficerEndpoint.OFFICERS_CREATE, "POST", "/v1/officers", "NEW_OFFICER", ADMIN_INSIDE, false));
        t.add(new Case(OfficerEndpoint.OFFICER_ENABLE, "POST", "/v1/officers/target.officer/enable", null, ADMIN_INSIDE, false));
        t.add(new Case(OfficerEndpoint.OFFICER_DISABLE, "POST", "/v1/officers/target.officer/disable", null, ADMIN_INSIDE, false));
        t.add(new Case(OfficerEndpoint.OFFICER_ENABLE, "POST", "/v1/officers/target.officer/enable", null, ADMIN_INSIDE, false));
        t.add(new Case(OfficerEndpoint.OFFICER_RESET_PASSWORD, "POST", "/v1/officers/target.officer/reset-password", null,
                ADMIN_INSIDE, false));

        // A list is cut to the officer's jurisdiction; naming a wider area is fine, a disjoint one is not.
        t.add(new Case(OfficerEndpoint.INCIDENTS_LIST, "GET", "/v1/incidents", null, ANYONE, false));
        t.add(new Case(OfficerEndpoint.INCIDENTS_LIST, "GET", "/v1/incidents?within=370000", null, ANYONE, false));
        t.add(new Case(OfficerEndpoint.INCIDENTS_LIST, "GET", "/v1/incidents?within=370102", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_GET, "GET", i, null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_STATUS, "POST", i + "/status", "{\"to\":\"NOPE\",\"why\":\"x\"}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_GRADE, "POST", i + "/grade", "{\"grade\":\"NOPE\",\"why\":\"x\"}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_GRADE_LIFT, "POST", i + "/grade-override/lift", "{}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_MERGE, "POST", i + "/merge", "{\"into\":\"no such!\",\"why\":\"x\"}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_SPLIT, "POST", i + "/split", "{\"reports\":[]}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_NOTE, "POST", i + "/notes", "{\"text\":\" \"}", ACT_INSIDE, false));
        // Reports are filed by the incident's own county.
        t.add(new Case(OfficerEndpoint.INCIDENT_REPORT, "POST", i + "/reports", "{\"kind\":\"NOPE\"}",
                (r, p) -> r.acts() && p == Position.COUNTY, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_REPORTS, "GET", i + "/reports", null, READ_INSIDE, false));

        t.add(new Case(OfficerEndpoint.DISPATCH_GET, "GET", i + "/dispatch", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.DISPATCH_PROPOSAL_GET, "GET", i + "/dispatch/proposal", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.DISPATCH_PROPOSE, "POST", i + "/dispatch/proposal", "[]", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.DISPATCH_CONFIRM, "POST", i + "/dispatch/confirm", "{\"add\":[\"bad id!\"]}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.DISPATCH_RELEASE, "POST", i + "/dispatch/release", "{\"unit\":\"\"}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.UNIT_GET, "GET", "/v1/units/" + unit, null, READ_INSIDE, false));

        // Node endpoints: the county's node, and its city's node (above a county officer).
        t.add(new Case(OfficerEndpoint.NODE_ESCALATIONS, "GET", "/v1/nodes/370102/escalations", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.NODE_ESCALATIONS, "GET", "/v1/nodes/370100/escalations", null,
                (r, p) -> p == Position.CITY || p == Position.PROVINCE, false));
        t.add(new Case(OfficerEndpoint.AUDIT_QUERY, "GET", "/v1/audit?adcode=370102&from=2026-01-01&to=2026-01-01", null,
                (r, p) -> (r == Role.ADMIN || r == Role.COMMANDER) && p.inside(), false));

        // Mutual aid: bodies that fail on their content once the officer is let through.
        String ma = "/v1/mutual-aid/" + mutualAid;
        t.add(new Case(OfficerEndpoint.MUTUAL_AID_REQUEST, "POST", i + "/mutual-aid", "{\"count\":0}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.INCIDENT_MUTUAL_AID, "GET", i + "/mutual-aid", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.NODE_MUTUAL_AID, "GET", "/v1/nodes/370102/mutual-aid", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.NODE_MUTUAL_AID, "GET", "/v1/nodes/370100/mutual-aid", null,
                (r, p) -> p == Position.CITY || p == Position.PROVINCE, false));
        t.add(new Case(OfficerEndpoint.MUTUAL_AID_GET, "GET", ma, null, READ_INSIDE, false));
        // The units it could send are for the addressed node (the city) to weigh, not for the requester or above.
        t.add(new Case(OfficerEndpoint.MUTUAL_AID_CANDIDATES, "GET", ma + "/candidates", null,
                (r, p) -> p == Position.CITY, false));
        t.add(new Case(OfficerEndpoint.MUTUAL_AID_APPROVE, "POST", ma + "/approve", "{\"units\":[\"bad id!\"]}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.MUTUAL_AID_DECLINE, "POST", ma + "/decline", "{\"reason\":5}", ACT_INSIDE, false));
        t.add(new Case(OfficerEndpoint.MUTUAL_AID_RELEASE, "POST", ma + "/release", "{\"why\":5}", ACT_INSIDE, false));

        t.add(new Case(OfficerEndpoint.NODE_ESCALATION_ACK, "POST", "/v1/nodes/370102/escalations/" + incident + "/ack",
                "not json", (r, p) -> r.acts() && p == Position.COUNTY, false));
        t.add(new Case(OfficerEndpoint.NODE_ESCALATION_ACK, "POST", "/v1/nodes/370100/escalations/" + incident + "/ack",
                "not json", (r, p) -> r.acts() && p == Position.CITY, false));
        t.add(new Case(OfficerEndpoint.NODE_STREAM, "WS", "/v1/nodes/370102/stream", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.NODE_STREAM, "WS", "/v1/nodes/370100/stream", null,
                (r, p) -> p == Position.CITY || p == Position.PROVINCE, false));
        t.add(new Case(OfficerEndpoint.NODE_HOURLY, "GET", "/v1/nodes/370102/incidents/hourly", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.NODE_HOURLY, "GET", "/v1/nodes/370100/incidents/hourly", null,
                (r, p) -> p == Position.CITY || p == Position.PROVINCE, false));

        // Map layers: the officer's own jurisdiction by default, or one inside it.
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/units", null, ANYONE, false));
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/incidents?within=370102", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/boundaries?within=370100", null,
                (r, p) -> p == Position.CITY || p == Position.PROVINCE, false));
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/warnings", null, ANYONE, false));
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/warnings?within=370102", null, READ_INSIDE, false));
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/traffic", null, ANYONE, false));
        t.add(new Case(OfficerEndpoint.MAP_LAYER, "GET", "/v1/map/traffic?within=370100", null,
                (r, p) -> p == Position.CITY || p == Position.PROVINCE, false));
        return t;
    }

    @Test
    void the_table_has_a_row_for_every_officer_endpoint_the_server_guards() {
        Set<OfficerEndpoint> covered = table().stream().map(Case::endpoint).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(OfficerEndpoint.class));
    }

    /** The layers MapRoutes serves under the one MAP_LAYER endpoint: each needs its own rows. */
    private static final List<String> MAP_LAYERS = List.of("boundaries", "incidents", "units", "warnings", "traffic");

    @Test
    void the_table_has_rows_for_every_map_layer_of_the_shared_map_endpoint() {
        Set<String> layers = table().stream().filter(c -> c.endpoint() == OfficerEndpoint.MAP_LAYER)
                .map(c -> c.path().substring("/v1/map/".length()).replaceFirst("\\?.*", ""))
                .collect(Collectors.toSet());
        assertThat(layers).containsExactlyInAnyOrderElementsOf(MAP_LAYERS);
        for (String layer : MAP_LAYERS) {
            // And every layer answers: a layer name the routes do not know would be 404 for everyone.
            assertThat(node.get("/v1/map/" + layer).statusCode()).as(layer).isEqualTo(200);
        }
    }

    @Test
    void every_endpoint_allows_or_denies_each_role_and_jurisdiction_exactly() {
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (Case c : table()) {
            for (Role role : Role.values()) {
                for (Position position : Position.values()) {
                    String username = "t." + role.name().toLowerCase().replace('_', '-') + "." + position.adcode;
                    String token = c.sessionEnding()
                            ? node.freshToken(username, role, position.adcode)
                            : node.token(username, role, position.adcode);
                    int status = ask(c, token);
                    asked++;
                    boolean expectAllowed = c.allowed().test(role, position);
                    boolean ok = expectAllowed ? status != 401 && status != 403 && status < 500 : status == 403;
                    if (!ok) {
                        wrong.add(c.method() + " " + c.path() + " by " + role + " of " + position.adcode + ": "
                                + status + ", expected " + (expectAllowed ? "allowed" : "403"));
                    }
                }
            }
        }
        assertThat(wrong).as("of %d cases", asked).isEmpty();
    }

    @Test
    void without_a_good_session_every_endpoint_answers_401() {
        String expired = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        for (Case c : table()) {
            assertThat(ask(c, null)).as(c.method() + " " + c.path() + " without a token").isEqualTo(401);
            assertThat(ask(c, expired)).as(c.method() + " " + c.path() + " with a forged token").isEqualTo(401);
        }
    }

    @Test
    void a_viewer_sees_the_incident_in_its_list_only_inside_its_jurisdiction() {
        for (Position p : Position.values()) {
            String body = node.send("GET", "/v1/incidents", node.token("list." + p.adcode, Role.VIEWER, p.adcode), null).body();
            assertThat(body.contains(incident)).as("list of a viewer of " + p.adcode).isEqualTo(p.inside());
        }
    }

    @Test
    void only_the_login_is_open_and_unknown_paths_stay_404() {
        // A /v1 path that no route serves is still 404 (not turned into anything else)...
        assertThat(node.send("GET", "/v1/nothing-here", null, null).statusCode()).isEqualTo(404);
        // ...and the only open /v1 officer path is the login itself.
        assertThat(node.send("POST", "/v1/session", null, "{\"username\":\"x\",\"password\":\"y\"}").statusCode())
                .isEqualTo(401);
    }

    private int ask(Case c, String token) {
        if (c.method().equals("WS")) {
            return webSocket(c.path(), token);
        }
        String body = c.body();
        if ("NEW_OFFICER".equals(body)) {
            body = "{\"username\":\"new." + (++created) + "\",\"display_name\":\"New\",\"role\":\"VIEWER\",\"adcode\":\"370102\"}";
        }
        return node.send(c.method(), c.path(), token, body).statusCode();
    }

    /** The WebSocket handshake's answer: 101 when the stream opened, else the refusal's status. */
    private int webSocket(String path, String token) {
        String query = token == null ? "" : "?access_token=" + token;
        URI uri = URI.create(node.baseUri().toString().replaceFirst("^http", "ws") + path + query);
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket " + path + " failed", e);
        }
    }
}
