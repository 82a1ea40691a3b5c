package cn.emcc.command.console;

import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.map.web.IncidentFeature;
import cn.emcc.map.web.LayerSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The map's incident layer: the open incidents of the read side's board. */
public final class IncidentLayer implements LayerSource<IncidentFeature> {

    private final IncidentBoard board;

    public IncidentLayer(IncidentBoard board) {
        this.board = board;
    }

    @Override
    public CompletionStage<List<IncidentFeature>> current() {
        return CompletableFuture.completedFuture(board.open(county -> true).stream().map(IncidentLayer::feature).toList());
    }

    static IncidentFeature feature(IncidentSummary s) {
        return new IncidentFeature(s.incidentId(), s.longitude(), s.latitude(), s.grade().name(), s.category().name(),
                s.status().name(), s.countyAdcode(), s.address(), s.openedAt(), s.reportCount());
    }
}
