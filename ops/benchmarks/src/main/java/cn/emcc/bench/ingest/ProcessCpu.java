package cn.emcc.bench.ingest;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM has used. On a machine with few cores the node, the
 * agency clients and the drivers compete for them, so CPU per report says
 * more about the design than wall-clock throughput alone.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    static double seconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
