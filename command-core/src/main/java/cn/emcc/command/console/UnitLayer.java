package cn.emcc.command.console;

import cn.emcc.command.unit.UnitDirectory;
import cn.emcc.dispatch.Unit;
import cn.emcc.map.web.LayerSource;
import cn.emcc.map.web.UnitFeature;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The map's unit layer and the unit board's data: every unit of this node's
 * {@link UnitDirectory} with its last known position and status.
 */
public final class UnitLayer implements LayerSource<UnitFeature> {

    private final ActorRef<UnitDirectory.Command> directory;
    private final ActorSystem<?> system;
    private final Duration timeout;

    public UnitLayer(ActorRef<UnitDirectory.Command> directory, ActorSystem<?> system, Duration timeout) {
        this.directory = directory;
        this.system = system;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<List<UnitFeature>> current() {
        return AskPattern.<UnitDirectory.Command, UnitDirectory.Listed>ask(directory, UnitDirectory.ListUnits::new,
                        timeout, system.scheduler())
                .thenApply(listed -> listed.units().stream()
                        .map(u -> feature(u, listed))
                        .toList());
    }

    private static UnitFeature feature(Unit u, UnitDirectory.Listed listed) {
        return new UnitFeature(u.unitId(), u.agency().name(), u.unitType().name(), u.status().name(), u.stationName(),
                u.countyAdcode(), u.position().getLongitude(), u.position().getLatitude(),
                listed.statusSince().get(u.unitId()), listed.assignedTo().get(u.unitId()));
    }
}
