package cn.emcc.command.audit;

import cn.emcc.command.EmccConfig;
import cn.emcc.command.persistence.Storage;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code ops/audit-verify}: verifies every audit chain of the configured store
 * (the node's configuration: {@code emcc.storage}, EMCC_* variables) and prints
 * one line per chain, every broken link, and a summary. Exit status 0 when all
 * chains are intact, 1 when a link is broken, 2 when the store could not be read.
 * It runs a local ActorSystem (no cluster) with the store's read journal.
 */
public final class AuditVerify {

    private AuditVerify() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = verify(EmccConfig.load(), System.out);
        } catch (RuntimeException e) {
            System.err.println("audit-verify: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    /** Verifies the store of {@code nodeConfig}, prints to {@code out}, returns the exit status. */
    public static int verify(Config nodeConfig, PrintStream out) {
        Config config = ConfigFactory.parseString("pekko.actor.provider = local").withFallback(nodeConfig);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "emcc-audit-verify", config);
        try {
            Storage storage = Storage.prepare(system);
            AuditVerification.Report report = AuditVerification.run(
                    new AuditReader(system, storage.kind().readJournalPluginId()),
                    config.getDuration("emcc.storage-prepare-timeout").plus(Duration.ofMinutes(10)));
            print(report, storage, out);
            return report.intact() ? 0 : 1;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    static void print(AuditVerification.Report report, Storage storage, PrintStream out) {
        for (ChainVerifier.ChainResult c : report.chains()) {
            out.println("chain " + c.chain() + ": " + c.entries() + " entries checked, head seq " + c.headSeq()
                    + " " + c.headHash() + ", anchored up to seq " + c.anchoredSeq()
                    + (c.broken().isPresent() ? " BROKEN" : " ok"));
        }
        report.broken().forEach(b -> out.println("BROKEN " + b));
        out.println((report.intact() ? "OK" : "BROKEN") + ": " + report.entriesChecked() + " entries in "
                + report.chains().size() + " chains checked on " + storage.kind().configValue() + ", "
                + report.broken().size() + " broken");
    }
}
