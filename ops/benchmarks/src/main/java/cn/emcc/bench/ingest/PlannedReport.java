package cn.emcc.bench.ingest;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.IncidentCategory;

/**
 * One report the benchmark will send: who calls, from where, about what.
 *
 * @param secondCaller the report describes the same thing as an earlier one nearby
 */
public record PlannedReport(Agency agency, String countyAdcode, String address, double longitude, double latitude,
                            IncidentCategory category, boolean secondCaller) {
}
