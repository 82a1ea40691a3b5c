package cn.emcc.command.audit;

import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.TestStore;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What someone with write access to the store could do to audit entries,
 * behind emcc's back: change bytes of a stored entry in place, or delete an
 * entry, straight in the H2 file (plain SQL, node stopped) or in Cassandra's
 * journal table (plain CQL).
 */
final class StoredEntries {

    private final TestStore store;

    StoredEntries(TestStore store) {
        this.store = store;
    }

    private static String persistenceId(String chain) {
        return AuditChain.PERSISTENCE_ID_PREFIX + chain;
    }

    /** Replaces {@code from} by {@code to} (same length) in the serialized entry, as raw bytes. */
    void overwrite(String chain, long seq, String from, String to) throws SQLException {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("'" + from + "' and '" + to + "' must have the same length");
        }
        byte[] stored = read(chain, seq);
        byte[] changed = replace(stored, from.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.UTF_8));
        write(chain, seq, changed);
    }

    void delete(String chain, long seq) throws SQLException {
        if (store.journal() == JournalUnderTest.H2) {
            try (Connection c = h2(); PreparedStatement s = c.prepareStatement(
                    "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
                s.setString(1, persistenceId(chain));
                s.setLong(2, seq);
                if (s.executeUpdate() != 1) {
                    throw new IllegalStateException("no stored entry " + chain + " #" + seq);
                }
            }
        } else {
            try (CqlSession cql = cassandra()) {
                cql.execute("DELETE FROM " + keyspace() + ".messages WHERE persistence_id = ? AND partition_nr = 0"
                        + " AND sequence_nr = ?", persistenceId(chain), seq);
            }
        }
    }

    private byte[] read(String chain, long seq) throws SQLException {
        if (store.journal() == JournalUnderTest.H2) {
            try (Connection c = h2(); PreparedStatement s = c.prepareStatement("SELECT \"event_payload\" FROM"
                    + " \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
                s.setString(1, persistenceId(chain));
                s.setLong(2, seq);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no stored entry " + chain + " #" + seq);
                    }
                    return rs.getBytes(1);
                }
            }
        }
        try (CqlSession cql = cassandra()) {
            Row row = cql.execute("SELECT event FROM " + keyspace() + ".messages WHERE persistence_id = ?"
                    + " AND partition_nr = 0 AND sequence_nr = ?", persistenceId(chain), seq).one();
            if (row == null) {
                throw new IllegalStateException("no stored entry " + chain + " #" + seq);
            }
            ByteBuffer event = row.getByteBuffer("event");
            byte[] bytes = new byte[event.remaining()];
            event.get(bytes);
            return bytes;
        }
    }

    private void write(String chain, long seq, byte[] payload) throws SQLException {
        if (store.journal() == JournalUnderTest.H2) {
            try (Connection c = h2(); PreparedStatement s = c.prepareStatement("UPDATE \"event_journal\" SET"
                    + " \"event_payload\" = ? WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
                s.setBytes(1, payload);
                s.setString(2, persistenceId(chain));
                s.setLong(3, seq);
                s.executeUpdate();
            }
            return;
        }
        try (CqlSession cql = cassandra()) {
            Row row = cql.execute("SELECT timestamp FROM " + keyspace() + ".messages WHERE persistence_id = ?"
                    + " AND partition_nr = 0 AND sequence_nr = ?", persistenceId(chain), seq).one();
            cql.execute("UPDATE " + keyspace() + ".messages SET event = ? WHERE persistence_id = ? AND partition_nr = 0"
                            + " AND sequence_nr = ? AND timestamp = ?", ByteBuffer.wrap(payload), persistenceId(chain),
                    seq, row.getUuid("timestamp"));
        }
    }

    private static byte[] replace(byte[] in, byte[] from, byte[] to) {
        int at = -1;
        for (int i = 0; i + from.length <= in.length; i++) {
            int j = 0;
            while (j < from.length && in[i + j] == from[j]) {
                j++;
            }
            if (j == from.length) {
                if (at >= 0) {
                    throw new IllegalStateException("'" + new String(from, StandardCharsets.UTF_8)
                            + "' occurs more than once in the stored entry");
                }
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalStateException("'" + new String(from, StandardCharsets.UTF_8)
                    + "' does not occur in the stored entry");
        }
        byte[] out = in.clone();
        System.arraycopy(to, 0, out, at, to.length);
        return out;
    }

    private Connection h2() throws SQLException {
        return DriverManager.getConnection(store.config().getString("emcc.h2.url"),
                store.config().getString("emcc.h2.user"), store.config().getString("emcc.h2.password"));
    }

    private String keyspace() {
        return store.config().getString("emcc.cassandra.keyspace");
    }

    private CqlSession cassandra() {
        String first = store.config().getString("emcc.cassandra.contact-points").split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))))
                .withLocalDatacenter(store.config().getString("emcc.cassandra.local-datacenter"))
                .build();
    }
}
