package cn.emcc.command.console;

import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import cn.emcc.protocols.v1.Agency;
import com.typesafe.config.Config;

import java.net.URI;
import java.nio.file.Path;

/**
 * What a console browser test stands on: a node on a fresh H2 store, a 119
 * system that accepts its orders, and the admin's session to create the
 * officers who sign in.
 */
final class ConsoleStage implements AutoCloseable {

    private final TestStore store;
    private final RunningNode node;
    private final AcceptingFireAgency fire;
    private final String admin;

    private ConsoleStage(TestStore store, RunningNode node, AcceptingFireAgency fire, String admin) {
        this.store = store;
        this.node = node;
        this.fire = fire;
        this.admin = admin;
    }

    static ConsoleStage start(Path scratch, Config config) throws Exception {
        TestStore store = JournalUnderTest.H2.freshStore(scratch);
        RunningNode node = null;
        AcceptingFireAgency fire = null;
        try {
            node = RunningNode.start(store, config);
            fire = new AcceptingFireAgency(node.baseUri(), Agency.AGENCY_FIRE, "test-agency_fire");
            return new ConsoleStage(store, node, fire, node.login("admin", RunningNode.ADMIN_PASSWORD));
        } catch (Exception | Error e) {
            new ConsoleStage(store, node, fire, null).close();
            throw e;
        }
    }

    RunningNode node() {
        return node;
    }

    URI base() {
        return node.baseUri();
    }

    AcceptingFireAgency fire() {
        return fire;
    }

    /** A duty officer of {@code adcode} created by the admin; answers the one-time password. */
    String officer(String username, String name, String adcode) throws Exception {
        return ConsoleBrowserTest.createOfficer(base(), admin, username, name, adcode);
    }

    @Override
    public void close() throws Exception {
        try (TestStore s = store; RunningNode n = node; AcceptingFireAgency f = fire) {
            // closed in reverse: the agency, the node, then the store
        }
    }
}
