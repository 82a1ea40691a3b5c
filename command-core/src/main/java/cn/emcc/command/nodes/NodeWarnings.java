package cn.emcc.command.nodes;

import cn.emcc.command.situation.ActiveWarnings;
import cn.emcc.command.situation.WarningCounties;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WeatherWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The weather warnings in force per command node: a warning counts at every
 * node whose subtree its area touches (each county it touches, their cities,
 * the province). Fed with this node's warning copy after every refresh of it
 * ({@code WarningCache.onRefresh}): a warning applied here refreshes it at
 * once, one applied through another node or one that expires within one
 * refresh interval. Which counties a warning touches is worked out once, when
 * the warning first appears (an UPDATE is a new warning with its own
 * identifier); later refreshes only compare identifiers. The nodes whose
 * counts change get them through {@link NodeStreams#activeWarnings}.
 */
public final class NodeWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWarnings.class);

    /** Where one warning counts: its colour and the nodes (counties and their ancestors). */
    private record Reach(WarningColour colour, Set<String> nodes) {
    }

    private final WarningCounties counties;
    private final JurisdictionTree tree;
    private final NodeStreams streams;
    private Map<String, Reach> inForce = Map.of();
    private Map<String, Map<String, Integer>> byNode = Map.of();

    public NodeWarnings(WarningCounties counties, JurisdictionTree tree, NodeStreams streams) {
        this.counties = counties;
        this.tree = tree;
        this.streams = streams;
    }

    /** This node's copy of the warnings in force was refreshed. */
    public synchronized void refreshed(ActiveWarnings warnings) {
        Map<String, Reach> next = new HashMap<>();
        for (WeatherWarning w : warnings.warnings()) {
            Reach known = inForce.get(w.getIdentifier());
            next.put(w.getIdentifier(), known != null ? known : reach(w));
        }
        if (next.keySet().equals(inForce.keySet())) {
            return; // the usual refresh: nothing arrived, nothing left
        }
        inForce = next;
        Map<String, Map<String, Integer>> counted = count(next);
        Set<String> changed = new LinkedHashSet<>(byNode.keySet());
        changed.addAll(counted.keySet());
        for (String node : changed) {
            Map<String, Integer> now = counted.getOrDefault(node, Map.of());
            if (!now.equals(byNode.getOrDefault(node, Map.of()))) {
                streams.activeWarnings(node, now);
            }
        }
        byNode = counted;
    }

    private Reach reach(WeatherWarning w) {
        Set<String> nodes = new LinkedHashSet<>();
        try {
            for (String county : counties.of(w)) {
                tree.ancestorsAndSelf(county).forEach(j -> nodes.add(j.adcode()));
            }
        } catch (IllegalArgumentException e) {
            // The board validated it already, so this is not expected; a warning that
            // cannot be placed must not stop the others from being counted.
            LOG.warn("warning {}: its area cannot be placed on the counties, counted nowhere: {}",
                    w.getIdentifier(), e.getMessage());
        }
        return new Reach(w.getColour(), Set.copyOf(nodes));
    }

    /** Node → colour name → warnings; nodes without any are absent. */
    private static Map<String, Map<String, Integer>> count(Map<String, Reach> warnings) {
        Map<String, Map<String, Integer>> counted = new HashMap<>();
        for (Reach r : warnings.values()) {
            for (String node : r.nodes()) {
                counted.computeIfAbsent(node, n -> new TreeMap<>()).merge(r.colour().name(), 1, Integer::sum);
            }
        }
        return counted;
    }

    /** The warnings in force at a node by colour name, as last published (empty when none). */
    public synchronized Map<String, Integer> at(String nodeAdcode) {
        return Map.copyOf(byNode.getOrDefault(nodeAdcode, Map.of()));
    }
}
