package cn.emcc.command.officers;

import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Officer sessions over a real node: login answers the contract's shape, a
 * wrong password and an unknown user get the same answer, repeated failures
 * lock the account (also after a restart), logout ends the token, and an
 * admin's reset hands out a one-time password that must be changed first.
 */
class OfficerSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    private static String login(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void login_logout_lockout_and_a_reset_password_that_must_be_changed() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch)) {
            try (RunningNode node = RunningNode.start(store)) {
                String admin = node.login("admin", RunningNode.ADMIN_PASSWORD);
                HttpResponse<String> created = node.send("POST", "/v1/officers", admin,
                        "{\"username\":\"zhang.san\",\"display_name\":\"张三\",\"role\":\"DUTY_OFFICER\",\"adcode\":\"370102\"}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String oneTime = JSON.readTree(created.body()).path("one_time_password").asText();

                HttpResponse<String> first = node.send("POST", "/v1/session", null, login("zhang.san", oneTime));
                assertThat(first.statusCode()).isEqualTo(200);
                JsonNode session = JSON.readTree(first.body());
                assertThat(session.path("officer").path("jurisdiction_name").asText()).isEqualTo("历下区");
                assertThat(session.path("officer").path("tier").asText()).isEqualTo("COUNTY");
                assertThat(session.path("officer").path("must_change_password").asBoolean()).isTrue();
                String token = session.path("token").asText();
                assertThat(node.send("GET", "/v1/incidents", token, null).statusCode()).isEqualTo(403);

                HttpResponse<String> changed = node.send("POST", "/v1/session/password", token,
                        "{\"current_password\":\"" + oneTime + "\",\"new_password\":\"a long new password\"}");
                assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
                assertThat(node.send("GET", "/v1/session", token, null).statusCode())
                        .as("the session of the one-time password ended").isEqualTo(401);
                String good = JSON.readTree(changed.body()).path("token").asText();
                assertThat(node.send("GET", "/v1/incidents", good, null).statusCode()).isEqualTo(200);

                HttpResponse<String> wrong = node.send("POST", "/v1/session", null, login("zhang.san", "not it at all"));
                HttpResponse<String> unknown = node.send("POST", "/v1/session", null, login("nobody.here", "not it at all"));
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(unknown.statusCode()).isEqualTo(401);
                assertThat(unknown.body()).isEqualTo(wrong.body());

                assertThat(node.send("DELETE", "/v1/session", good, null).statusCode()).isEqualTo(204);
                assertThat(node.send("GET", "/v1/session", good, null).statusCode()).isEqualTo(401);

                for (int i = 0; i < 4; i++) {
                    assertThat(node.send("POST", "/v1/session", null, login("zhang.san", "wrong " + i)).statusCode())
                            .isEqualTo(401);
                }
                assertThat(node.send("POST", "/v1/session", null, login("zhang.san", "a long new password")).statusCode())
                        .as("locked after five failures, even with the right password").isEqualTo(429);
            }
            try (RunningNode restarted = RunningNode.start(store)) {
                assertThat(restarted.send("POST", "/v1/session", null, login("zhang.san", "a long new password"))
                        .statusCode()).as("the lockout is durable").isEqualTo(429);
                String admin = restarted.login("admin", RunningNode.ADMIN_PASSWORD);
                HttpResponse<String> reset = restarted.send("POST", "/v1/officers/zhang.san/reset-password", admin, null);
                assertThat(reset.statusCode()).isEqualTo(200);
                String oneTime = JSON.readTree(reset.body()).path("one_time_password").asText();
                assertThat(restarted.send("POST", "/v1/session", null, login("zhang.san", oneTime)).statusCode())
                        .as("a reset lifts the lock").isEqualTo(200);

                assertThat(restarted.send("POST", "/v1/officers/zhang.san/disable", admin, null).statusCode()).isEqualTo(200);
                assertThat(restarted.send("POST", "/v1/session", null, login("zhang.san", oneTime)).statusCode())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void a_node_without_a_configured_password_prints_a_one_time_admin_password_and_keeps_a_session_key_file() {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(store, ConfigFactory.parseString(
                     "emcc.officers.first-admin-password = \"\"\nemcc.officers.session-key = \"\""))) {
            node.server().officers().awaitFirstAdmin();
            Path keyFile = Path.of(node.server().system().settings().config().getString("emcc.officers.session-key-file"));
            assertThat(keyFile).exists();
            assertThat(node.send("POST", "/v1/session", null, login("admin", RunningNode.ADMIN_PASSWORD)).statusCode())
                    .as("the test password is not the admin's here").isEqualTo(401);
        }
    }
}
