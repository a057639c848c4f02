package io.newsalert.soak.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples every few seconds: each service's heap in use (its /q/metrics), each process's resident
 * memory, and the machine's load average; keeps the peaks for the report.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);

    private final LocalSystem system;
    private final Api api;
    private final Map<String, Long> peakHeap = new ConcurrentHashMap<>();
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private volatile double peakLoad;
    private double loadSum;
    private int loadSamples;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "resource-sampler");
        t.setDaemon(true);
        return t;
    });

    public ResourceSampler(LocalSystem system, Api api) {
        this.system = system;
        this.api = api;
    }

    public void start(Duration every) {
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        for (ChildProcess p : system.all()) {
            peakRss.merge(p.name(), p.rssBytes(), Math::max);
            if (p != system.broker && p.isAlive()) {
                try {
                    String text = api.getText(system.uri(p, "/q/metrics"));
                    Matcher m = HEAP.matcher(text);
                    long heap = 0;
                    while (m.find()) {
                        heap += (long) Double.parseDouble(m.group(1));
                    }
                    peakHeap.merge(p.name(), heap, Math::max);
                } catch (Exception e) {
                    // a service being restarted answers nothing: no sample this time
                }
            }
        }
        double load = loadAverage();
        synchronized (this) {
            peakLoad = Math.max(peakLoad, load);
            loadSum += load;
            loadSamples++;
        }
    }

    public static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    public Map<String, Long> peakHeap() {
        return new LinkedHashMap<>(peakHeap);
    }

    public Map<String, Long> peakRss() {
        return new LinkedHashMap<>(peakRss);
    }

    public synchronized double meanLoad() {
        return loadSamples == 0 ? -1 : loadSum / loadSamples;
    }

    public double peakLoad() {
        return peakLoad;
    }


    @Override
    public void close() {
        timer.shutdownNow();
    }
}
