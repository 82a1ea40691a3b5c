package cn.emcc.bench.ingest;

/**
 * What one measured (or warm-up) phase gave.
 *
 * @param answered   requests answered successfully (Acked, or the entity's reply)
 * @param distinctEntities incidents the reports formed (ours) or entities asked (peer)
 * @param retried    retryable rejections that were resent (ours only)
 * @param cpuSeconds CPU time of the whole process during the phase (node, drivers and agency clients alike)
 */
record PhaseFigures(int answered, double seconds, double p50Millis, double p99Millis, int inFlight,
                    int distinctEntities, int retried, double cpuSeconds) {

    double perSecond() {
        return answered / seconds;
    }

    double cpuMicrosPerItem() {
        return cpuSeconds * 1e6 / answered;
    }
}
