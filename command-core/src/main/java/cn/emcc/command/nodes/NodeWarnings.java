package cn.emcc.command.nodes;

import cn.emcc.command.situation.ActiveWarnings;
import cn.emcc.command.situation.WarningCounties;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.protocols.v1.BoundingBox;
import cn.emcc.protocols.v1.WarningChange;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningView;
import cn.emcc.protocols.v1.WeatherWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The weather warnings in force per command node: a warning is in the picture
 * of every node whose subtree its area touches (each county it touches, their
 * cities, the province). Fed with this node's warning copy after every refresh
 * of it ({@code WarningCache.onRefresh}): a warning applied here refreshes it
 * at once, one applied through another node or one that expires within one
 * refresh interval. Which counties a warning touches, and its view, are worked
 * out once, when the warning first appears (an UPDATE is a new warning with its
 * own identifier); later refreshes only compare identifiers. Each node whose
 * warnings change gets the changes and its new counts through
 * {@link NodeStreams#warningsChanged}: a warning that arrived (an UPDATE naming
 * in {@code replaces} the warnings it takes the place of there), and one that
 * left without a replacement there ({@code removed}).
 */
public final class NodeWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWarnings.class);

    /** Where one warning is shown, and how: its view and the nodes (counties and their ancestors). */
    private record Reach(WarningView view, Set<String> nodes) {
    }

    private final WarningCounties counties;
    private final JurisdictionTree tree;
    private final NodeStreams streams;
    private Map<String, Reach> inForce = Map.of();
    private Map<String, Set<String>> idsByNode = Map.of();
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
        Map<String, Reach> before = inForce;
        inForce = next;
        Map<String, Set<String>> placed = idsByNode(next);
        Map<String, Map<String, Integer>> counted = count(next, placed);
        Set<String> nodes = new TreeSet<>(idsByNode.keySet());
        nodes.addAll(placed.keySet());
        for (String node : nodes) {
            Set<String> had = idsByNode.getOrDefault(node, Set.of());
            Set<String> has = placed.getOrDefault(node, Set.of());
            if (!had.equals(has)) {
                streams.warningsChanged(node, changes(had, has, before, next), counted.getOrDefault(node, Map.of()));
            }
        }
        idsByNode = placed;
        byNode = counted;
    }

    /**
     * What a node is told when its warnings go from {@code had} to {@code has}: the arrivals in
     * identifier order, then the departures no arrival replaces.
     */
    private static List<WarningChange> changes(Set<String> had, Set<String> has, Map<String, Reach> before,
                                               Map<String, Reach> now) {
        List<WarningChange> changes = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        for (String id : new TreeSet<>(has)) {
            if (!had.contains(id)) {
                WarningView view = now.get(id).view();
                replaced.addAll(view.getReplacesList());
                changes.add(WarningChange.newBuilder().setWarning(view).build());
            }
        }
        for (String id : new TreeSet<>(had)) {
            if (!has.contains(id) && !replaced.contains(id)) {
                changes.add(WarningChange.newBuilder().setWarning(before.get(id).view()).setRemoved(true).build());
            }
        }
        return changes;
    }

    private Reach reach(WeatherWarning w) {
        Set<String> nodes = new LinkedHashSet<>();
        WarningView.Builder view = WarningView.newBuilder().setWarningId(w.getIdentifier()).setHazard(w.getHazard())
                .setColour(w.getColour()).setHeadline(w.getHeadline()).setIssuer(w.getIssuer());
        if (w.hasOnset()) {
            view.setOnset(w.getOnset());
        }
        if (w.hasExpires()) {
            view.setExpires(w.getExpires());
        }
        if (w.getMsgType() == WarningMsgType.WARNING_MSG_TYPE_UPDATE) {
            view.addAllReplaces(w.getReferencesList());
        }
        try {
            Set<String> touched = counties.of(w);
            view.addAllCountyAdcodes(touched);
            for (String county : touched) {
                tree.ancestorsAndSelf(county).forEach(j -> nodes.add(j.adcode()));
            }
            counties.bounds(w).ifPresent(b -> view.setBbox(BoundingBox.newBuilder().setWest(b.getMinX())
                    .setSouth(b.getMinY()).setEast(b.getMaxX()).setNorth(b.getMaxY())));
        } catch (IllegalArgumentException e) {
            // The board validated it already, so this is not expected; a warning that
            // cannot be placed must not stop the others from being shown.
            LOG.warn("warning {}: its area cannot be placed on the counties, shown nowhere: {}",
                    w.getIdentifier(), e.getMessage());
            nodes.clear();
            view.clearCountyAdcodes();
        }
        return new Reach(view.build(), Set.copyOf(nodes));
    }

    /** Node → identifiers of the warnings shown there; nodes without any are absent. */
    private static Map<String, Set<String>> idsByNode(Map<String, Reach> warnings) {
        Map<String, Set<String>> placed = new HashMap<>();
        warnings.forEach((id, r) -> r.nodes().forEach(node -> placed.computeIfAbsent(node, n -> new HashSet<>()).add(id)));
        return placed;
    }

    /** Node → colour name → warnings; nodes without any are absent. */
    private static Map<String, Map<String, Integer>> count(Map<String, Reach> warnings,
                                                           Map<String, Set<String>> placed) {
        Map<String, Map<String, Integer>> counted = new HashMap<>();
        placed.forEach((node, ids) -> {
            Map<String, Integer> byColour = new TreeMap<>();
            ids.forEach(id -> byColour.merge(warnings.get(id).view().getColour().name(), 1, Integer::sum));
            counted.put(node, byColour);
        });
        return counted;
    }

    /** The warnings in force at a node by colour name, as last published (empty when none). */
    public synchronized Map<String, Integer> at(String nodeAdcode) {
        return Map.copyOf(byNode.getOrDefault(nodeAdcode, Map.of()));
    }
}
