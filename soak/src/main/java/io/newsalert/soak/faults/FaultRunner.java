package io.newsalert.soak.faults;

import io.newsalert.soak.feeds.Newsroom;
import io.newsalert.soak.feeds.SyntheticFeed;
import io.newsalert.soak.ledger.Outages;
import io.newsalert.soak.receiver.DeliveryRecorder;
import io.newsalert.soak.system.ChildProcess;
import io.newsalert.soak.system.LocalSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Injects the chosen faults one after another while the load runs, and notes when the system could
 * not see the feeds (ingest down, broker down) so that the ledger does not count what nobody could
 * have seen as lost.
 */
public final class FaultRunner {

    /** What happened, for the report. */
    public record Event(Fault fault, String what, Instant from, Instant until) {}

    private static final Duration READY = Duration.ofSeconds(240);

    private final LocalSystem system;
    private final DeliveryRecorder recorder;
    private final Newsroom newsroom;
    private final List<SyntheticFeed> feeds;
    private final Outages outages;
    private final Duration pollInterval;
    private final Consumer<String> log;
    private final List<Event> events = new ArrayList<>();
    private SyntheticFeed garbage;

    public FaultRunner(LocalSystem system, DeliveryRecorder recorder, Newsroom newsroom, List<SyntheticFeed> feeds, Outages outages,
            Duration pollInterval, Consumer<String> log) {
        this.system = system;
        this.recorder = recorder;
        this.newsroom = newsroom;
        this.feeds = feeds;
        this.outages = outages;
        this.pollInterval = pollInterval;
        this.log = log;
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The feed turned to garbage, if that fault ran. */
    public synchronized SyntheticFeed garbageFeed() {
        return garbage;
    }

    public void run(Fault fault) throws InterruptedException {
        switch (fault) {
            case KILL_INGEST -> killAndRestart(fault, system.ingest);
            case KILL_ENRICH -> killAndRestart(fault, system.enrich);
            case KILL_ALERT -> killAndRestart(fault, system.alert);
            case KILL_ALL -> {
                for (ChildProcess s : system.services()) {
                    killAndRestart(fault, s);
                    Thread.sleep(20_000);
                }
            }
            case BROKER_STOP -> brokerStop(fault);
            case WEBHOOK_500 -> {
                Instant t0 = Instant.now();
                log.accept("fault webhook-500: endpoints answer 500 for 60 s");
                recorder.mode(DeliveryRecorder.Mode.FAIL_500);
                Thread.sleep(60_000);
                Instant t1 = Instant.now();
                log.accept("fault webhook-500: endpoints take 10 s per call for 60 s");
                recorder.mode(DeliveryRecorder.Mode.SLOW);
                Thread.sleep(60_000);
                recorder.mode(DeliveryRecorder.Mode.NORMAL);
                note(fault, "answering 500", t0, t1);
                note(fault, "answering after 10 s", t1, Instant.now());
            }
            case GARBAGE_FEED -> {
                SyntheticFeed f = feeds.get(0);
                Instant t0 = Instant.now();
                f.turnToGarbage(t0);
                synchronized (this) {
                    garbage = f;
                }
                log.accept("fault garbage-feed: " + f.path() + " serves garbage from now on");
                note(fault, f.path() + " turned to garbage", t0, t0);
            }
            case BURST -> {
                Instant t0 = Instant.now();
                log.accept("fault burst: 10x the rate for 60 s");
                newsroom.setRateFactor(10);
                Thread.sleep(60_000);
                newsroom.setRateFactor(1);
                note(fault, "10x rate", t0, Instant.now());
            }
        }
    }

    private void killAndRestart(Fault fault, ChildProcess service) throws InterruptedException {
        Instant t0 = Instant.now();
        log.accept("fault " + fault.cliName() + ": kill -9 " + service.name() + " (pid " + service.pid() + ")");
        service.kill9();
        service.start();
        service.awaitReady(READY);
        Instant ready = Instant.now();
        log.accept("fault " + fault.cliName() + ": " + service.name() + " ready again after " + Duration.between(t0, ready).toSeconds() + " s");
        if (service == system.ingest) {
            outages.add(service.name() + " down", t0, ready.plus(pollInterval));
        }
        note(fault, "kill -9 " + service.name() + ", down until ready", t0, ready);
    }

    private void brokerStop(Fault fault) throws InterruptedException {
        Instant t0 = Instant.now();
        log.accept("fault broker-stop: stopping the broker for 30 s");
        system.broker.stop();
        Thread.sleep(30_000);
        system.broker.start();
        system.broker.awaitReady(Duration.ofSeconds(120));
        Instant ready = Instant.now();
        log.accept("fault broker-stop: broker ready again after " + Duration.between(t0, ready).toSeconds() + " s");
        // Until the broker answers, ingest cannot publish; a poll that failed is repeated on the next tick.
        outages.add("broker down", t0, ready.plus(pollInterval.multipliedBy(2)));
        note(fault, "broker stopped, down until ready", t0, ready);
    }

    private synchronized void note(Fault fault, String what, Instant from, Instant until) {
        events.add(new Event(fault, what, from, until));
    }
}
