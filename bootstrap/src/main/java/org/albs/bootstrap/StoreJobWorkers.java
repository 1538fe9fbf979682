package org.albs.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import org.albs.application.artifacts.StoreJobService;
import org.albs.application.port.out.StoreJobs;
import org.albs.application.port.out.Transactions;
import org.albs.domain.artifacts.StoreJobKind;
import org.albs.domain.identity.UserId;
import org.jboss.logging.Logger;

/**
 * This instance's artifact-store job workers: each a thread that claims a job on the lease queue, works it, and
 * looks again at once, or after the poll interval when none waits. Every instance runs its own; the lease queue
 * keeps them from doing one job twice. Also the jobs' metrics: open jobs per kind and the time a job run takes.
 */
@ApplicationScoped
public class StoreJobWorkers {
    private static final Logger LOG = Logger.getLogger(StoreJobWorkers.class);

    private final StoreJobService service;
    private final StoreJobs jobs;
    private final Transactions tx;
    private final AlbsConfig config;
    private final MeterRegistry registry;
    private final Map<StoreJobKind, AtomicLong> open = new EnumMap<>(StoreJobKind.class);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public StoreJobWorkers(StoreJobService service, StoreJobs jobs, Transactions tx, AlbsConfig config,
                           MeterRegistry registry) {
        this.service = service;
        this.jobs = jobs;
        this.tx = tx;
        this.config = config;
        this.registry = registry;
        for (StoreJobKind k : StoreJobKind.values()) {
            AtomicLong depth = new AtomicLong();
            open.put(k, depth);
            registry.gauge("albs_store_jobs_open", Tags.of("kind", k.name().toLowerCase()), depth);
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < config.jobs().workers(); i++) {
            Thread t = new Thread(this::work, "store-job-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Shutdown begins (SIGTERM; readiness is DOWN from now): no new job is claimed; a worker in the middle of one
     * goes on with it while the shutdown delay and the HTTP drain last.
     */
    void stopClaiming(@Observes ShutdownDelayInitiatedEvent event) {
        running = false;
    }

    /**
     * Stops taking jobs; a worker still in the middle of one is interrupted and releases it (another instance takes
     * it over at once instead of after its lease), waiting a few seconds at most for them.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void work() {
        Duration idle = config.jobs().pollInterval();
        Timer timer = Timer.builder("albs_store_job_seconds").description("one run of an artifact-store job")
                .register(registry);
        UserId worker = null;
        while (running) {
            try {
                if (worker == null) {
                    worker = service.newWorker();
                }
                long start = System.nanoTime();
                boolean worked = service.workOnce(worker);
                if (worked) {
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                } else {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database is away, or a bug: the job's lease brings it back; wait before looking again
                LOG.warnf("Store job worker: %s", e.toString());
                try {
                    Thread.sleep(idle.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureQueue() {
        try {
            tx.inTransaction(jobs::openByKind).forEach((k, n) -> open.get(k).set(n));
        } catch (RuntimeException e) {
            LOG.debugf("Store job metrics skipped: %s", e.getMessage());
        }
    }
}
