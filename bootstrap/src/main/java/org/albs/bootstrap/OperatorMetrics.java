package org.albs.bootstrap;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import org.albs.application.port.out.OperationsFigures;
import org.albs.application.port.out.Transactions;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.lease.WorkEvent;
import org.jboss.logging.Logger;

/**
 * The farm's figures for Prometheus, sampled every 10 s from the database all instances share (README "Operating"):
 * {@code albs_tasks_waiting} and {@code albs_tasks_in_flight} by platform and arch, {@code albs_store_job_oldest_seconds}
 * by kind, {@code albs_task_events_total} by event and {@code albs_builds_created_total}. Every instance reports the
 * same farm-wide values (the counters count from its own start): aggregate instances with max, not sum.
 */
@ApplicationScoped
public class OperatorMetrics {
    private static final Logger LOG = Logger.getLogger(OperatorMetrics.class);

    private final OperationsFigures figures;
    private final Transactions tx;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<Tags, AtomicLong> waiting = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Map<StoreJobKind, AtomicLong> oldestJob = new EnumMap<>(StoreJobKind.class);
    private final Map<WorkEvent, AtomicLong> taskEvents = new EnumMap<>(WorkEvent.class);
    private final AtomicLong builds = new AtomicLong();
    private long eventsPosition = -1;
    private long buildsPosition = -1;

    public OperatorMetrics(OperationsFigures figures, Transactions tx, Clock clock, MeterRegistry registry) {
        this.figures = figures;
        this.tx = tx;
        this.clock = clock;
        this.registry = registry;
        for (StoreJobKind k : StoreJobKind.values()) {
            AtomicLong age = new AtomicLong();
            oldestJob.put(k, age);
            Gauge.builder("albs_store_job_oldest_seconds", age, AtomicLong::get)
                    .description("age of the oldest open artifact-store job of a kind").baseUnit("seconds")
                    .tags("kind", k.name().toLowerCase()).register(registry);
        }
        for (WorkEvent e : WorkEvent.values()) {
            AtomicLong n = new AtomicLong();
            taskEvents.put(e, n);
            FunctionCounter.builder("albs_task_events", n, AtomicLong::get)
                    .description("build task events (claims, lease expiries, failures by reason) since this start")
                    .tags("event", e.name().toLowerCase()).register(registry);
        }
        FunctionCounter.builder("albs_builds_created", builds, AtomicLong::get)
                .description("builds created since this start").register(registry);
    }

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        try {
            tx.run(this::read);
        } catch (RuntimeException e) {
            LOG.debugf("Operator metrics skipped: %s", e.getMessage());
        }
    }

    private void read() {
        Set<Tags> seen = new HashSet<>();
        for (OperationsFigures.OpenTasks t : figures.openTasks()) {
            Tags tags = Tags.of("platform", t.platform(), "arch", t.arch());
            seen.add(tags);
            gauge(waiting, "albs_tasks_waiting", "build tasks waiting for a node", tags).set(t.waiting());
            gauge(inFlight, "albs_tasks_in_flight", "build tasks a node holds", tags).set(t.inFlight());
        }
        waiting.forEach((tags, n) -> n.set(seen.contains(tags) ? n.get() : 0));
        inFlight.forEach((tags, n) -> n.set(seen.contains(tags) ? n.get() : 0));
        figures.jobBacklog(clock.instant()).forEach(b -> oldestJob.get(b.kind()).set(b.oldest().toSeconds()));
        if (eventsPosition < 0) {
            eventsPosition = figures.taskEventsPosition();
            buildsPosition = figures.buildsPosition();
            return;
        }
        OperationsFigures.TaskEvents events = figures.taskEventsAfter(eventsPosition);
        events.counts().forEach((e, n) -> taskEvents.get(e).addAndGet(n));
        eventsPosition = events.position();
        OperationsFigures.NewBuilds created = figures.buildsAfter(buildsPosition);
        builds.addAndGet(created.count());
        buildsPosition = created.position();
    }

    private AtomicLong gauge(Map<Tags, AtomicLong> gauges, String name, String description, Tags tags) {
        return gauges.computeIfAbsent(tags, t -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder(name, n, AtomicLong::get).description(description).tags(t).register(registry);
            return n;
        });
    }
}
